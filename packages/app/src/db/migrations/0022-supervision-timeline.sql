-- Supervision on the child's timeline as a decision-bearing event: each supervision a child was
-- discussed in, on its date, by the manager, with its decisions as the narrative (shown only to
-- those who may read case notes, as on /children/{id}/supervision). The view as in 0017, plus one kind.
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
    from involvement_lookups where person_id is not null
  union all
  select la_code, person_id, 'attendance', id, (seen_at at time zone 'Europe/London')::date, flag_kind, setting,
    organisation_name || case when out_of_hours then ' (out of hours)' else '' end, null, null::uuid, seen_at, null::uuid
    from cpis_attendances
  union all
  select c.la_code, c.person_id, 'supervision', s.id, s.held_on, null, null, s.decisions, null, s.manager_user_id, s.created_at, null::uuid
    from supervision_children c join supervisions s on s.id = c.supervision_id;
grant select on journey_events to waypoint_app;
