-- CP-IS (NHS Child Protection - Information Sharing), derived from the journey record.
-- The unscheduled care clinician: a health role (emergency departments, walk-in centres, out-of-hours
-- GPs, maternity) that checks a child's flag. A new row of access/capabilities.ts.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in ('social_worker', 'team_manager',
  'service_manager', 'director', 'principal_social_worker', 'front_door', 'partner_practitioner',
  'safeguarding_reviewer', 'inspector', 'data_protection_officer', 'system_administrator', 'performance_officer',
  'unscheduled_care_clinician'));

-- The LA's own copy of what it shares: one row per child and kind of flag, derived (never keyed in)
-- from cp_plans and care_episodes; published to the involvement index by a job. A row whose
-- look-back has passed is removed here and erased from the index.
create table cpis_flags (
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  kind text not null check (kind in ('cpp', 'lac', 'unborn-cpp')),
  started_on date not null,
  ended_on date,
  -- Whose NHS number keys the flag: the child's, or for an unborn child the expectant mother's.
  key_person_id uuid references people,
  -- The day it entered scope (for the data team's alert), and the last derivation.
  entered_scope_on date not null,
  derived_at timestamptz not null default now(),
  -- Bumped on every change; the index orders publications by it so an end never is overtaken.
  version integer not null default 1,
  primary key (person_id, kind)
);
create index cpis_flags_la on cpis_flags (la_code, entered_scope_on);

-- An NHS number confirmed by the data team or a health partner: who, when, and the number then.
-- Valid only while the person's NHS number is still that number.
create table cpis_nhs_verifications (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  nhs_number text not null check (nhs_number ~ '^[0-9]{10}$'),
  source text not null check (source in ('data_team', 'health_partner')),
  verified_by uuid not null references users,
  verified_at timestamptz not null default now(),
  note text
);
create index cpis_nhs_verifications_person on cpis_nhs_verifications (person_id, verified_at desc);

-- Every check by unscheduled care that found a flag: the child was seen. Held by the responsible
-- LA: the worker's notification, the timeline's "attendance" and the LA's list per child.
create table cpis_attendances (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  flag_kind text not null check (flag_kind in ('cpp', 'lac', 'unborn-cpp')),
  setting text not null,
  organisation_name text not null,
  clinician_user_id uuid not null references users,
  seen_at timestamptz not null,
  via text not null check (via in ('page', 'fhir')),
  out_of_hours boolean not null default false,
  recorded_at timestamptz not null default now()
);
create index cpis_attendances_person on cpis_attendances (person_id, seen_at desc);
create index cpis_attendances_la on cpis_attendances (la_code, seen_at desc);

do $$
declare t text;
begin
  foreach t in array array['cpis_flags', 'cpis_nhs_verifications', 'cpis_attendances']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
grant select, insert, update, delete on cpis_flags, cpis_nhs_verifications, cpis_attendances to waypoint_app;
revoke update, delete on cpis_attendances from waypoint_app;
