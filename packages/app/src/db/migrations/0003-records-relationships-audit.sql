-- The records access is decided on (people), the relationships that grant it, break glass,
-- notifications, and the insert-only, hash-chained audit.

create table people (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  kind text not null check (kind in ('child', 'adult', 'unborn')),
  given_name text not null,
  family_name text not null,
  date_of_birth date,
  expected_date_of_birth date,
  sex text check (sex in ('female', 'male', 'unknown')),
  nhs_number text,
  -- Restricted: hidden from everyone but the allocated worker, the named roles and named people.
  is_restricted boolean not null default false,
  restricted_roles text[] not null default '{}',
  restriction_reason text,
  version integer not null default 1,
  created_by uuid references users,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_la on people (la_code);

create table restricted_access (
  person_id uuid not null references people,
  user_id uuid not null references users,
  la_code char(3) not null,
  primary key (person_id, user_id)
);

create table allocations (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  worker_user_id uuid references users,
  team_id uuid not null references teams,
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  reason text
);
create index allocations_person on allocations (person_id) where ended_at is null;
create index allocations_worker on allocations (worker_user_id) where ended_at is null;
create index allocations_team on allocations (team_id) where ended_at is null;

-- A professional (or their organisation) recorded as involved with a person, for a period.
create table involvements (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  organisation_id uuid not null references organisations,
  user_id uuid references users,
  role text not null,
  started_on date not null,
  ended_on date,
  created_by uuid references users,
  created_at timestamptz not null default now()
);
create index involvements_person on involvements (person_id);
create index involvements_user on involvements (user_id);

create table contacts (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  received_at timestamptz not null default now(),
  status text not null default 'screening' check (status in ('screening', 'decided')),
  created_by uuid references users,
  created_at timestamptz not null default now()
);
create index contacts_screening on contacts (la_code) where status = 'screening';

create table inspections (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  name text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_by uuid references users,
  created_at timestamptz not null default now()
);
create table inspection_inspectors (
  inspection_id uuid not null references inspections,
  user_id uuid not null references users,
  la_code char(3) not null,
  primary key (inspection_id, user_id)
);
create table inspection_samples (
  inspection_id uuid not null references inspections,
  person_id uuid not null references people,
  la_code char(3) not null,
  primary key (inspection_id, person_id)
);

create table break_glass_grants (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  user_id uuid not null references users,
  person_id uuid not null references people,
  reason text not null check (length(trim(reason)) >= 10),
  granted_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index break_glass_active on break_glass_grants (user_id, person_id, expires_at);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  recipient_user_id uuid not null references users,
  kind text not null,
  person_id uuid references people,
  message text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_recipient on notifications (recipient_user_id, created_at desc);

-- The audit: insert-only, one hash chain per tenant. The application computes each event's hash
-- over its canonical form and the previous event's hash, under a lock on the tenant's chain head.
create table audit_events (
  id uuid primary key,
  la_code char(3) not null references local_authorities,
  seq bigint not null,
  occurred_at timestamptz not null,
  actor_user_id uuid,
  on_behalf_of text,
  organisation_id uuid,
  subject_person_id uuid,
  record_type text,
  record_id text,
  action text not null,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  reason text,
  ip text,
  request_id text,
  prev_hash text not null,
  hash text not null,
  unique (la_code, seq)
);
create index audit_subject on audit_events (la_code, subject_person_id, occurred_at desc);
create index audit_actor on audit_events (actor_user_id, occurred_at desc);

create table audit_chain_heads (
  la_code char(3) primary key references local_authorities,
  seq bigint not null,
  hash text not null
);

create function audit_events_are_insert_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit events are insert-only: % is not allowed', tg_op;
end
$$;
create trigger audit_events_insert_only before update or delete on audit_events
  for each row execute function audit_events_are_insert_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_are_insert_only();

-- The application's database role. Requests run as this role (SET LOCAL ROLE), so row-level
-- security applies even when the connection is a superuser's (PGlite, a developer's PostgreSQL).
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'waypoint_app') then
    create role waypoint_app nologin;
  end if;
end
$$;
grant usage on schema public to waypoint_app;
grant select, insert, update, delete on all tables in schema public to waypoint_app;
grant usage, select on all sequences in schema public to waypoint_app;
alter default privileges in schema public grant select, insert, update, delete on tables to waypoint_app;
alter default privileges in schema public grant usage, select on sequences to waypoint_app;
revoke update, delete, truncate on audit_events from waypoint_app;
revoke delete, truncate on audit_chain_heads from waypoint_app;
revoke insert, update, delete, truncate on schema_migrations from waypoint_app;

-- Row-level security on the LA key: the second line of defence behind the repository's filters.
-- `waypoint.la_code` is set for each transaction from the caller's acting LA.
do $$
declare t text;
begin
  foreach t in array array['people', 'restricted_access', 'allocations', 'involvements', 'contacts', 'inspections',
    'inspection_inspectors', 'inspection_samples', 'break_glass_grants', 'notifications', 'audit_events', 'audit_chain_heads']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
