-- Partner agencies record their own involvement with a child, and the LA's own services are
-- derived from the journey: one `involvements` table for both (issue 15).
--
-- Until now an involvement was written by the council on its own record and gave its practitioner
-- the `involved_professional` relationship. From now on that relationship needs `linked_at`: a
-- partner's involvement lives in the partner's own space (the child's details as the partner
-- recorded them, for the index's encodings) with no council record, and opens the council's record
-- only once the LA has linked it (the front door confirms it is this child), within its dates.
alter table involvements alter column person_id drop not null;
alter table involvements
  add column source text not null default 'council' check (source in ('council', 'partner', 'la_service')),
  add column service text,
  add column contact_name text,
  add column contact_phone text,
  add column contact_email text,
  add column reason text check (reason is null or reason in ('safeguarding_concern', 'child_protection_plan',
    'child_in_need_plan', 'early_help', 'looked_after', 'health_need', 'education', 'criminal_investigation',
    'youth_justice', 'domestic_abuse', 'missing')),
  add column is_shielded boolean not null default false,
  add column child_given_name text,
  add column child_family_name text,
  add column child_date_of_birth date,
  add column child_nhs_number text check (child_nhs_number is null or child_nhs_number ~ '^[0-9]{10}$'),
  add column child_postcode text,
  add column child_sex text check (child_sex is null or child_sex in ('female', 'male', 'unknown')),
  add column linked_at timestamptz,
  add column linked_by uuid references users,
  add column la_service text check (la_service is null or la_service in ('early_help', 'child_in_need',
    'child_protection', 'looked_after', 'care_leaver', 'youth_justice')),
  -- The journey row the LA's own involvement is derived from (an early help episode, a plan, a care episode).
  add column source_record_id uuid,
  add column end_reason text,
  add column erased_at timestamptz,
  add column version integer not null default 1,
  add column updated_at timestamptz not null default now();

-- Involvements recorded before this migration were written by the council on its own record.
update involvements set linked_at = created_at where linked_at is null;

alter table involvements
  add constraint involvements_linked_person check (linked_at is null or person_id is not null),
  add constraint involvements_partner_child check (source <> 'partner' or erased_at is not null
    or (child_given_name is not null and child_family_name is not null)),
  add constraint involvements_la_service check ((source = 'la_service') = (la_service is not null)),
  add constraint involvements_dates check (ended_on is null or ended_on >= started_on);
-- One involvement per journey row: deriving it again finds the one it made.
create unique index involvements_source_record on involvements (la_code, source_record_id)
  where source_record_id is not null;
create index involvements_organisation on involvements (organisation_id, la_code);
create index involvements_to_link on involvements (la_code, created_at)
  where source = 'partner' and linked_at is null and erased_at is null;

-- A concern a partner raises with the LA's front door from their involvement. The front door
-- links the involvement to the child's record and records the contact on the journey.
create table involvement_concerns (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  involvement_id uuid not null references involvements,
  concern text not null check (length(trim(concern)) > 0),
  is_urgent boolean not null default false,
  raised_by uuid not null references users,
  raised_at timestamptz not null default now(),
  -- The contact the front door recorded from it, once it has.
  contact_id uuid references contacts,
  taken_at timestamptz
);
create index involvement_concerns_open on involvement_concerns (la_code, raised_at) where taken_at is null;
create index involvement_concerns_involvement on involvement_concerns (involvement_id);

-- Each "who else is involved?" look-up, as the app asked it (the index keeps its own audit of
-- what it answered): who asked, why, and how many agencies were returned. On the child's timeline.
create table involvement_lookups (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid references people,
  involvement_id uuid references involvements,
  asked_by uuid not null references users,
  organisation_id uuid not null references organisations,
  reason text not null check (reason in ('screening_contact', 'assessment', 'section_47', 'child_protection',
    'welfare_concern', 'missing', 'emergency', 'other')),
  reason_text text,
  outcome text not null check (outcome in ('answered', 'ambiguous', 'none', 'unavailable')),
  agencies integer not null default 0,
  asked_at timestamptz not null default now(),
  check (person_id is not null or involvement_id is not null)
);
create index involvement_lookups_person on involvement_lookups (person_id, asked_at desc);

do $$
declare t text;
begin
  foreach t in array array['involvement_concerns', 'involvement_lookups']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
    execute format('grant select, insert, update on %I to waypoint_app', t);
  end loop;
end
$$;

-- The child's timeline: a partner's involvement once linked, and each look-up (0006's view, plus these).
drop view journey_events;
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
  select la_code, person_id, 'involvement', id, started_on, coalesce(service, role), ended_on::text, null, null, created_by, created_at, organisation_id
    from involvements where person_id is not null and linked_at is not null and erased_at is null
  union all
  select la_code, person_id, 'involvement-lookup', id, (asked_at at time zone 'Europe/London')::date, reason, outcome,
    agencies::text || case when agencies = 1 then ' agency returned' else ' agencies returned' end, null, asked_by, asked_at, organisation_id
    from involvement_lookups where person_id is not null;
grant select on journey_events to waypoint_app;
