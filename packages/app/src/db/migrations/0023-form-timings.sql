-- The burden of recording, measured by the system itself: each time a signed-in person opens a
-- recording form (the form kit, http/forms/timing.ts), the task (the page as a pattern), how many
-- inputs it has and how many are required; when it is saved, how long it took (timed in the
-- browser, or by the server when there is no JavaScript), how many inputs were filled and how many
-- times it came back with errors. A form never saved is abandoned. Shown only as distributions and
-- trends by task, never as a league table; groups under 5 people are not shown (insight/recording.ts).
create table form_openings (
  id uuid primary key,
  la_code char(3) not null references local_authorities,
  user_id uuid not null references users,
  task text not null check (length(task) between 1 and 200),
  field_names text[] not null default '{}',
  inputs_required integer not null check (inputs_required between 0 and 1000),
  opened_at timestamptz not null default now(),
  saved_at timestamptz,
  seconds_to_save integer check (seconds_to_save between 0 and 86400),
  timed_in text check (timed_in in ('browser', 'server')),
  inputs_filled integer check (inputs_filled between 0 and 1000),
  error_rounds integer not null default 0
);
create index form_openings_la on form_openings (la_code, opened_at desc);
create index form_openings_user on form_openings (user_id, opened_at desc);

alter table form_openings enable row level security;
create policy tenant_isolation on form_openings to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
revoke delete, truncate on form_openings from waypoint_app;
