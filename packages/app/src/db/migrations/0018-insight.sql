-- Practice insight for the principal social worker, without targets. "What got in the way?"
-- reports: a sentence from a practitioner with the page they were on (as a pattern, ids removed),
-- never a child's details (checked before saving); the PSW's reply and what changed. Supervision:
-- reflective case supervision recorded by the manager with the worker, and the children discussed.
create table friction_reports (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  reporter_user_id uuid not null references users,
  page text not null check (length(page) between 1 and 200),
  body text not null check (length(body) between 1 and 1000),
  reply text check (reply is null or length(reply) <= 2000),
  replied_by uuid references users,
  replied_at timestamptz,
  what_changed text check (what_changed is null or length(what_changed) <= 2000),
  changed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index friction_reports_la on friction_reports (la_code, created_at desc);
create index friction_reports_reporter on friction_reports (reporter_user_id, created_at desc);

create table supervisions (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  worker_user_id uuid not null references users,
  manager_user_id uuid not null references users,
  held_on date not null,
  reflections text not null check (length(reflections) <= 20000),
  decisions text not null check (length(decisions) <= 20000),
  actions text check (actions is null or length(actions) <= 20000),
  created_at timestamptz not null default now()
);
create index supervisions_worker on supervisions (la_code, worker_user_id, held_on desc);

create table supervision_children (
  supervision_id uuid not null references supervisions,
  person_id uuid not null references people,
  la_code char(3) not null references local_authorities,
  primary key (supervision_id, person_id)
);
create index supervision_children_person on supervision_children (la_code, person_id);

do $$
declare t text;
begin
  foreach t in array array['friction_reports', 'supervisions', 'supervision_children']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
revoke delete, truncate on friction_reports, supervisions, supervision_children from waypoint_app;
