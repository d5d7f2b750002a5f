-- The child's journey: identity and family, and every step from contact to closure, as typed
-- tables the statutory returns can be derived from (CIN census, SSDA903, Annex A). Every step
-- records when, the decision, who decided and why. A view unions them into one timeline.

-- Identity and characteristics (statutory code lists are checked by the application).
alter table people
  add column upn text,
  add column la_child_id text,
  add column ethnicity text,
  add column disabilities text[] not null default '{}',
  add column first_language text,
  add column interpreter_needed boolean,
  add column date_of_death date,
  add column updated_by uuid references users;
create index people_nhs on people (la_code, nhs_number) where nhs_number is not null;
create index people_dob on people (la_code, date_of_birth);
create index people_names_trgm on people using gin ((given_name || ' ' || family_name) gin_trgm_ops);
create index people_family_dm on people (la_code, dmetaphone(family_name));

-- Names with history: previous names, aliases and preferred names.
create table person_names (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  kind text not null check (kind in ('previous', 'alias', 'preferred')),
  given_name text not null,
  family_name text not null,
  started_on date,
  ended_on date,
  recorded_by uuid references users,
  recorded_at timestamptz not null default now()
);
create index person_names_person on person_names (person_id);

-- Addresses with history; a restricted address (e.g. a refuge) is shown only to those who may see restricted fields.
create table addresses (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  line1 text not null,
  line2 text,
  town text,
  postcode text not null,
  started_on date not null,
  ended_on date,
  is_restricted boolean not null default false,
  recorded_by uuid references users,
  recorded_at timestamptz not null default now()
);
create index addresses_person on addresses (person_id, started_on desc);
create index addresses_postcode on addresses (la_code, postcode) where ended_on is null;

-- Family relationships: `related_person_id` is the person's `type` (their mother, their sibling...).
create table person_relationships (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  related_person_id uuid not null references people,
  type text not null check (type in ('mother', 'father', 'step-parent', 'sibling', 'half-sibling', 'grandparent',
    'carer', 'foster-carer', 'partner-of-parent', 'unborn-child-of', 'child', 'other')),
  parental_responsibility boolean not null default false,
  lives_with boolean not null default false,
  started_on date,
  ended_on date,
  recorded_by uuid references users,
  recorded_at timestamptz not null default now(),
  check (person_id <> related_person_id)
);
create index person_relationships_person on person_relationships (person_id);
create index person_relationships_related on person_relationships (related_person_id);

-- Contacts and the front door decision.
alter table contacts
  add column received_on date,
  add column source text,
  add column raised_by text,
  add column worries text,
  add column decision text check (decision in ('nfa', 'advice', 'early-help', 'referral')),
  add column decision_reason text,
  add column decided_by uuid references users,
  add column decided_on date,
  add column version integer not null default 1;
update contacts set received_on = received_at::date where received_on is null;
create index contacts_person on contacts (person_id);

create table early_help_episodes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  contact_id uuid references contacts,
  started_on date not null,
  origin text not null check (origin in ('contact', 'step-down', 'request')),
  lead_professional text,
  team_around_family text,
  assessment_on date,
  ended_on date,
  end_reason text check (end_reason in ('needs-met', 'step-up', 'declined', 'moved', 'other')),
  reason text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now(),
  version integer not null default 1
);
create index early_help_person on early_help_episodes (person_id);

-- A referral opens a child in need episode; closure ends it with a DfE reason code (RC1–RC9).
create table cin_episodes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  contact_id uuid references contacts,
  referral_on date not null,
  source text not null,
  primary_need text,
  reason text,
  nfa boolean not null default false,
  closed_on date,
  closure_reason text,
  closure_note text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now(),
  version integer not null default 1
);
create index cin_episodes_person on cin_episodes (person_id, referral_on desc);
create unique index cin_episodes_one_open on cin_episodes (person_id) where closed_on is null;

-- Child and family assessments, organised by the Assessment Framework's three domains.
create table assessments (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  started_on date not null,
  completed_on date,
  child_development text,
  parenting_capacity text,
  family_environment text,
  factors text[] not null default '{}',
  analysis text,
  outcome text check (outcome in ('cin-plan', 'strategy', 'early-help', 'nfa', 'looked-after')),
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now(),
  version integer not null default 1
);
create index assessments_person on assessments (person_id);

create table strategy_discussions (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  held_on date not null,
  attendees text,
  decision text not null check (decision in ('s47', 'no-s47')),
  reason text not null,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index strategy_person on strategy_discussions (person_id);

create table s47_enquiries (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  strategy_discussion_id uuid not null references strategy_discussions,
  started_on date not null,
  completed_on date,
  outcome text check (outcome in ('conference', 'cin-plan', 'nfa')),
  reason text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now(),
  version integer not null default 1
);
create index s47_person on s47_enquiries (person_id);

create table conferences (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  s47_enquiry_id uuid references s47_enquiries,
  kind text not null check (kind in ('initial', 'review')),
  held_on date not null,
  decision text not null check (decision in ('plan', 'no-plan', 'continue', 'end')),
  category text check (category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  reason text not null,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index conferences_person on conferences (person_id);

create table cp_plans (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  conference_id uuid not null references conferences,
  started_on date not null,
  initial_category text not null check (initial_category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  latest_category text not null check (latest_category in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
  ended_on date,
  end_conference_id uuid references conferences
);
create index cp_plans_person on cp_plans (person_id);
create unique index cp_plans_one_active on cp_plans (person_id) where ended_on is null;

create table cin_plans (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  started_on date not null,
  ended_on date,
  reason text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index cin_plans_person on cin_plans (person_id);
create unique index cin_plans_one_active on cin_plans (person_id) where ended_on is null;

-- Looked-after care as SSDA903 episodes: a new episode on any change of legal status or placement.
create table care_episodes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  cin_episode_id uuid not null references cin_episodes,
  started_on date not null,
  reason_new text not null check (reason_new in ('S', 'L', 'P', 'T', 'B', 'U')),
  legal_status text not null,
  category_of_need text not null,
  placement_type text not null,
  provider text,
  placement_postcode text,
  ended_on date,
  reason_end text,
  reason text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index care_episodes_person on care_episodes (person_id, started_on);
create unique index care_episodes_one_open on care_episodes (person_id) where ended_on is null;

create table care_reviews (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  held_on date not null,
  participation text not null,
  summary text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index care_reviews_person on care_reviews (person_id);

create table missing_episodes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  kind text not null check (kind in ('missing', 'away')),
  started_on date not null,
  ended_on date,
  return_interview text check (return_interview in ('accepted', 'declined', 'not-offered')),
  summary text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index missing_person on missing_episodes (person_id);

-- Narrative-first case notes, editable with optimistic locking.
create table case_notes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  noted_on date not null,
  title text not null check (length(trim(title)) > 0),
  body text not null check (length(trim(body)) > 0),
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now(),
  updated_by uuid references users,
  updated_at timestamptz,
  version integer not null default 1
);
create index case_notes_person on case_notes (person_id, noted_on desc);

create table documents (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  filename text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null,
  content bytea not null,
  description text,
  added_on date not null,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index documents_person on documents (person_id);

-- Goals in the family's words on any plan, scored 0–10 at visits and reviews.
create table plan_goals (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  plan_kind text not null check (plan_kind in ('cp', 'cin', 'care', 'early-help')),
  plan_id uuid not null,
  goal text not null check (length(trim(goal)) > 0),
  added_on date not null,
  ended_on date,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index plan_goals_person on plan_goals (person_id);

create table goal_scores (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  goal_id uuid not null references plan_goals,
  scored_on date not null,
  score integer not null check (score between 0 and 10),
  visit_id uuid references visits,
  note text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index goal_scores_goal on goal_scores (goal_id, scored_on);
create index goal_scores_person on goal_scores (person_id);

-- Reviews of a plan, with the child's and family's own views.
create table plan_reviews (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  plan_kind text not null check (plan_kind in ('cp', 'cin', 'care', 'early-help')),
  plan_id uuid not null,
  held_on date not null,
  worries_explained text check (worries_explained in ('yes', 'partly', 'no')),
  agrees_with_plan text check (agrees_with_plan in ('yes', 'partly', 'no')),
  child_views text,
  family_views text,
  summary text,
  recorded_by uuid not null references users,
  recorded_at timestamptz not null default now()
);
create index plan_reviews_person on plan_reviews (person_id);

-- Timescales the worker sets for the child, with a reason; reporting only, never a block.
create table timescales (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  subject text not null,
  due_on date not null,
  reason text not null,
  completed_on date,
  set_by uuid not null references users,
  set_at timestamptz not null default now()
);
create index timescales_open on timescales (la_code, due_on) where completed_on is null;
create index timescales_person on timescales (person_id);

alter table visits add column plan_review boolean not null default false;

do $$
declare t text;
begin
  foreach t in array array['person_names', 'addresses', 'person_relationships', 'early_help_episodes', 'cin_episodes',
    'assessments', 'strategy_discussions', 's47_enquiries', 'conferences', 'cp_plans', 'cin_plans', 'care_episodes',
    'care_reviews', 'missing_episodes', 'case_notes', 'documents', 'plan_goals', 'goal_scores', 'plan_reviews', 'timescales']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
    execute format('grant select, insert, update on %I to waypoint_app', t);
  end loop;
end
$$;

-- One timeline over every step. security_invoker: the view is read with the caller's rights, so
-- row-level security applies to every table under it.
create view journey_events with (security_invoker = true) as
  select la_code, person_id, 'contact' as kind, id, received_on as occurred_on, source as code, decision as code2,
    worries as detail, null::text as child_said, created_by as author_id, created_at as recorded_at, null::uuid as organisation_id
    from contacts
  union all
  select la_code, person_id, 'contact-decision', id, decided_on, decision, null, decision_reason, null, decided_by, created_at, null::uuid
    from contacts where decided_on is not null
  union all
  select la_code, person_id, 'early-help', id, started_on, origin, null, reason, null, recorded_by, recorded_at, null::uuid from early_help_episodes
  union all
  select la_code, person_id, 'early-help-end', id, ended_on, end_reason, null, null, null, recorded_by, recorded_at, null::uuid
    from early_help_episodes where ended_on is not null
  union all
  select la_code, person_id, 'referral', id, referral_on, source, case when nfa then 'nfa' end, reason, null, recorded_by, recorded_at, null::uuid
    from cin_episodes
  union all
  select la_code, person_id, 'closure', id, closed_on, closure_reason, null, closure_note, null, recorded_by, recorded_at, null::uuid
    from cin_episodes where closed_on is not null
  union all
  select la_code, person_id, 'assessment', id, coalesce(completed_on, started_on), outcome,
    case when completed_on is null then 'open' end, analysis, null, recorded_by, recorded_at, null::uuid from assessments
  union all
  select la_code, person_id, 'strategy', id, held_on, decision, null, reason, null, recorded_by, recorded_at, null::uuid from strategy_discussions
  union all
  select la_code, person_id, 's47', id, coalesce(completed_on, started_on), outcome,
    case when completed_on is null then 'open' end, reason, null, recorded_by, recorded_at, null::uuid from s47_enquiries
  union all
  select la_code, person_id, 'conference', id, held_on, kind, decision || coalesce(':' || category, ''), reason, null, recorded_by, recorded_at, null::uuid
    from conferences
  union all
  select p.la_code, p.person_id, 'cp-plan', p.id, p.started_on, p.initial_category, null, null, null, c.recorded_by, c.recorded_at, null::uuid
    from cp_plans p join conferences c on c.id = p.conference_id
  union all
  select p.la_code, p.person_id, 'cp-plan-end', p.id, p.ended_on, p.latest_category, null, null, null, c.recorded_by, c.recorded_at, null::uuid
    from cp_plans p join conferences c on c.id = p.end_conference_id where p.ended_on is not null
  union all
  select la_code, person_id, 'cin-plan', id, started_on, null, null, reason, null, recorded_by, recorded_at, null::uuid from cin_plans
  union all
  select la_code, person_id, 'cin-plan-end', id, ended_on, null, null, null, null, recorded_by, recorded_at, null::uuid
    from cin_plans where ended_on is not null
  union all
  select la_code, person_id, 'care', id, started_on, legal_status, placement_type || coalesce(':' || provider, ''), reason, null, recorded_by, recorded_at, null::uuid
    from care_episodes
  union all
  select la_code, person_id, 'care-end', id, ended_on, reason_end, null, null, null, recorded_by, recorded_at, null::uuid
    from care_episodes where ended_on is not null
  union all
  select la_code, person_id, 'care-review', id, held_on, participation, null, summary, null, recorded_by, recorded_at, null::uuid from care_reviews
  union all
  select la_code, person_id, 'missing', id, started_on, kind, return_interview, summary, null, recorded_by, recorded_at, null::uuid from missing_episodes
  union all
  select la_code, person_id, 'visit', id, visit_date, seen, minutes_with_child::text,
    summary || coalesce(E'\n\nNot seen because: ' || not_seen_reason, ''), child_said, recorded_by, recorded_at, null::uuid from visits
  union all
  select la_code, person_id, 'note', id, noted_on, null, title, body, null, recorded_by, recorded_at, null::uuid from case_notes
  union all
  select la_code, person_id, 'document', id, added_on, content_type, filename, description, null, recorded_by, recorded_at, null::uuid from documents
  union all
  select la_code, person_id, 'goal', id, added_on, plan_kind, null, goal, null, recorded_by, recorded_at, null::uuid from plan_goals
  union all
  select la_code, person_id, 'plan-review', id, held_on, plan_kind, agrees_with_plan, summary,
    nullif(concat_ws(E'\n\n', child_views, 'Family: ' || family_views), ''), recorded_by, recorded_at, null::uuid from plan_reviews
  union all
  select la_code, person_id, 'timescale', id, set_at::date, null, due_on::text, subject || ': ' || reason, null, set_by, set_at, null::uuid from timescales
  union all
  select la_code, person_id, 'allocation', id, started_at::date, null, ended_at::date::text, reason, null, null::uuid, started_at, null::uuid
    from allocations
  union all
  select la_code, person_id, 'involvement', id, started_on, role, ended_on::text, null, null, created_by, created_at, organisation_id from involvements;
grant select on journey_events to waypoint_app;
