-- Learning reviews (child safeguarding practice reviews): the safeguarding partnership and its
-- members, serious incidents and the reviews that follow them, the reviewers named on a review
-- (the time-limited `learning_review` relationship of access/relationships.ts), the multi-agency
-- chronology, the systems analysis (episodes, contributory factors, findings, recommendations),
-- the report's versions, the redaction decisions, the residual-risk resolutions and the
-- publication checks. Two new roles: the partnership's business manager and its chair.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in ('social_worker', 'team_manager',
  'service_manager', 'director', 'principal_social_worker', 'front_door', 'partner_practitioner',
  'safeguarding_reviewer', 'inspector', 'data_protection_officer', 'system_administrator', 'performance_officer',
  'unscheduled_care_clinician', 'partnership_business_manager', 'partnership_chair'));

-- The LA, the police force and the NHS bodies of an area, as one partnership.
create table safeguarding_partnerships (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  name text not null,
  region text,
  created_at timestamptz not null default now(),
  unique (la_code, name)
);
create table partnership_members (
  partnership_id uuid not null references safeguarding_partnerships,
  organisation_id uuid not null references organisations,
  la_code char(3) not null,
  primary key (partnership_id, organisation_id)
);
-- The contributory-factor taxonomy, per partnership (the default is inserted with the partnership).
create table partnership_factors (
  partnership_id uuid not null references safeguarding_partnerships,
  code text not null check (code ~ '^[a-z0-9-]{1,60}$'),
  label text not null,
  la_code char(3) not null,
  active boolean not null default true,
  primary key (partnership_id, code)
);

create table learning_reviews (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  partnership_id uuid not null references safeguarding_partnerships,
  reference text not null,
  title text not null,
  incident_summary text not null,
  incident_on date not null,
  -- The day the partnership learnt of it: the Panel's 5 and the rapid review's 15 working days run from here.
  known_on date not null,
  panel_notified_on date,
  rapid_review_on date,
  decision text not null default 'pending' check (decision in ('pending', 'local-review', 'no-local-review')),
  decision_reason text,
  decided_by uuid references users,
  decided_on date,
  period_from date,
  period_to date,
  terms_of_reference text,
  household_access boolean not null default false,
  date_policy text not null default 'month-year' check (date_policy in ('keep', 'month-year', 'year', 'relative')),
  age_policy text not null default 'band' check (age_policy in ('keep', 'band', 'redact')),
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  published_id text,
  published_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_reason text,
  version integer not null default 1,
  created_by uuid references users,
  created_at timestamptz not null default now(),
  unique (la_code, reference),
  check (period_to is null or period_from is null or period_from <= period_to)
);
create table review_children (
  review_id uuid not null references learning_reviews,
  person_id uuid not null references people,
  la_code char(3) not null,
  primary key (review_id, person_id)
);
create index review_children_person on review_children (person_id);
create table review_agencies (
  review_id uuid not null references learning_reviews,
  organisation_id uuid not null references organisations,
  la_code char(3) not null,
  primary key (review_id, organisation_id)
);
create table review_reviewers (
  review_id uuid not null references learning_reviews,
  user_id uuid not null references users,
  la_code char(3) not null,
  added_by uuid references users,
  added_at timestamptz not null default now(),
  primary key (review_id, user_id)
);
create index review_reviewers_user on review_reviewers (user_id);

-- The chronology: journey events and involvements copied in with their source, and agencies' entries.
create table review_chronology (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null,
  review_id uuid not null references learning_reviews,
  source text not null check (source in ('journey', 'agency-form', 'agency-csv', 'agency-docx')),
  source_ref text,
  person_id uuid references people,
  organisation_id uuid references organisations,
  agency text not null,
  occurred_on date not null,
  title text not null,
  detail text,
  annotation text,
  is_excluded boolean not null default false,
  excluded_reason text,
  version integer not null default 1,
  created_by uuid references users,
  created_at timestamptz not null default now(),
  updated_by uuid references users,
  check (not is_excluded or length(trim(coalesce(excluded_reason, ''))) > 0)
);
create unique index review_chronology_source on review_chronology (review_id, source_ref) where source_ref is not null;
create index review_chronology_review on review_chronology (review_id, occurred_on);

create table review_episodes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null,
  review_id uuid not null references learning_reviews,
  title text not null,
  what_happened text not null,
  what_was_known text not null,
  factors text[] not null default '{}',
  created_by uuid references users,
  created_at timestamptz not null default now()
);
create table review_episode_entries (
  episode_id uuid not null references review_episodes,
  entry_id uuid not null references review_chronology,
  la_code char(3) not null,
  primary key (episode_id, entry_id)
);
create table review_findings (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null,
  review_id uuid not null references learning_reviews,
  episode_id uuid references review_episodes,
  title text not null,
  text text not null,
  themes text[] not null default '{}',
  created_by uuid references users,
  created_at timestamptz not null default now()
);
create table review_recommendations (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null,
  review_id uuid not null references learning_reviews,
  finding_id uuid references review_findings,
  text text not null,
  owner text not null,
  due_on date not null,
  progress text not null default 'not-started' check (progress in ('not-started', 'in-progress', 'complete')),
  progress_note text,
  version integer not null default 1,
  created_by uuid references users,
  created_at timestamptz not null default now()
);

-- The report, one row per version (Markdown).
create table review_drafts (
  review_id uuid not null references learning_reviews,
  version integer not null check (version >= 1),
  la_code char(3) not null,
  body text not null,
  note text,
  created_by uuid references users,
  created_at timestamptz not null default now(),
  primary key (review_id, version)
);

-- People and places the record does not know, added by reviewers to the cast.
create table review_cast_additions (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null,
  review_id uuid not null references learning_reviews,
  kind text not null check (kind in ('person', 'place')),
  role text not null,
  name text not null,
  aliases text[] not null default '{}',
  created_by uuid references users,
  created_at timestamptz not null default now()
);

-- A reviewer's decision on a span, anchored by its text and the words around it, so it survives
-- edits of the draft: re-anchored at the nearest place the same text stands in the same context,
-- or flagged when the text under it changed.
create table review_redaction_decisions (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null,
  review_id uuid not null references learning_reviews,
  action text not null check (action in ('accept', 'reject', 'add', 'merge', 'relabel')),
  draft_version integer not null,
  span_start integer,
  span_end integer,
  span_text text,
  before_text text,
  after_text text,
  span_type text,
  entity_label text,
  into_label text,
  replacement text,
  decided_by uuid not null references users,
  decided_at timestamptz not null default now()
);
create index review_redaction_decisions_review on review_redaction_decisions (review_id, decided_at);

create table review_risk_resolutions (
  review_id uuid not null references learning_reviews,
  item_key text not null,
  la_code char(3) not null,
  resolution text not null check (resolution in ('resolved', 'accepted')),
  reason text not null check (length(trim(reason)) > 0),
  decided_by uuid not null references users,
  decided_at timestamptz not null default now(),
  primary key (review_id, item_key)
);

-- The checks before publication, in order, each signed by a named person.
create table review_signoffs (
  review_id uuid not null references learning_reviews,
  check_name text not null check (check_name in ('welfare', 'court-orders', 'family', 'data-protection',
    'panel-notice', 'approval')),
  la_code char(3) not null,
  decision text,
  reason text not null,
  notice_on date,
  signed_by uuid not null references users,
  signed_at timestamptz not null default now(),
  primary key (review_id, check_name)
);

do $$
declare t text;
begin
  foreach t in array array['safeguarding_partnerships', 'partnership_members', 'partnership_factors', 'learning_reviews',
    'review_children', 'review_agencies', 'review_reviewers', 'review_chronology', 'review_episodes',
    'review_episode_entries', 'review_findings', 'review_recommendations', 'review_drafts', 'review_cast_additions',
    'review_redaction_decisions', 'review_risk_resolutions', 'review_signoffs']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
