-- Visits and direct work with a child: the first part of the journey record.
create table visits (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  visit_date date not null,
  seen text not null check (seen in ('seen', 'seen-alone', 'not-seen')),
  not_seen_reason text,
  others_present text,
  summary text not null check (length(trim(summary)) > 0),
  child_said text,
  minutes_with_child integer check (minutes_with_child between 0 and 1440),
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now(),
  version integer not null default 1
);
create index visits_person on visits (person_id, visit_date desc);

alter table visits enable row level security;
create policy tenant_isolation on visits to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
grant select, insert, update on visits to waypoint_app;
