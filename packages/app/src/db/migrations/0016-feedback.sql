-- Feedback from children and families. Contact details recorded on a person for feedback, with
-- their consent to be contacted (never on a restricted record); requests sent from a child's
-- record with a one-time code (only its SHA-256 hash is stored; it expires and works once); and
-- the answers, on a 0-4 scale for each practice question plus what would make it better.
create table contact_details (
  person_id uuid primary key references people,
  la_code char(3) not null references local_authorities,
  email text check (email is null or length(email) <= 320),
  mobile text check (mobile is null or mobile ~ '^07[0-9]{9}$'),
  consent_to_contact boolean not null default false,
  consent_recorded_on date,
  version integer not null default 1,
  updated_by uuid references users,
  updated_at timestamptz not null default now()
);

create table feedback_requests (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  child_id uuid not null references people,
  respondent_person_id uuid not null references people,
  respondent text not null check (respondent in ('child', 'parent', 'carer')),
  form text not null check (form in ('standard', 'younger')),
  channel text not null check (channel in ('email', 'sms', 'print')),
  code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null,
  used_at timestamptz,
  team_id uuid references teams,
  sent_by uuid not null references users,
  created_at timestamptz not null default now()
);
create index feedback_requests_child on feedback_requests (la_code, child_id, created_at desc);

create table feedback_responses (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  request_id uuid not null unique references feedback_requests,
  child_id uuid not null references people,
  team_id uuid references teams,
  respondent text not null check (respondent in ('child', 'parent', 'carer')),
  form text not null check (form in ('standard', 'younger')),
  understand_worries smallint check (understand_worries between 0 and 4),
  listened_to smallint check (listened_to between 0 and 4),
  plan_helping smallint check (plan_helping between 0 and 4),
  make_better text check (make_better is null or length(make_better) <= 2000),
  answered_at timestamptz not null default now()
);
create index feedback_responses_child on feedback_responses (la_code, child_id, answered_at desc);
create index feedback_responses_la on feedback_responses (la_code, answered_at);

do $$
declare t text;
begin
  foreach t in array array['contact_details', 'feedback_requests', 'feedback_responses']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
revoke delete, truncate on feedback_requests, feedback_responses from waypoint_app;

-- The public form knows only the code, not the LA: this definer function answers the LA of a
-- code's hash (and nothing else), so the form's transaction can then run under that tenant.
create function feedback_request_la(hash text) returns char(3)
  language sql stable security definer
  set search_path = public, pg_temp
as $$
  select la_code from feedback_requests where code_hash = hash
$$;
revoke all on function feedback_request_la(text) from public;
grant execute on function feedback_request_la(text) to waypoint_app;

-- Independent reviewing officers and child protection conference chairs: they see the children
-- they are involved with, and may ask the child and family for feedback.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in ('social_worker', 'team_manager',
  'service_manager', 'director', 'principal_social_worker', 'front_door', 'partner_practitioner',
  'safeguarding_reviewer', 'inspector', 'data_protection_officer', 'system_administrator', 'performance_officer',
  'unscheduled_care_clinician', 'partnership_business_manager', 'partnership_chair',
  'independent_reviewing_officer', 'conference_chair'));
