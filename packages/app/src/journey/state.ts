/**
 * Where a child is in their journey now: what is open and what each next step can build on.
 * One statement, read inside the recording transaction, so the rules between steps are checked
 * against the same snapshot the step is written to.
 */
import { sql } from 'kysely';
import type { AbuseCategory, PlanKind } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';

interface Ref {
  id: string;
  on: string;
}

export interface JourneyState {
  personId: string;
  kind: 'child' | 'adult' | 'unborn';
  dateOfBirth: string | null;
  /** A contact still at the front door, awaiting a decision. */
  screeningContact: Ref | null;
  openEarlyHelp: Ref | null;
  /** The open child in need episode (from the referral), if any. */
  openEpisode: (Ref & { nfa: boolean }) | null;
  openAssessment: Ref | null;
  completedAssessments: number;
  /** The latest strategy discussion in the episode that decided on a section 47 enquiry not yet started. */
  strategyForS47: Ref | null;
  openS47: Ref | null;
  /** A completed section 47 enquiry that decided on an initial conference not yet held. */
  s47ForConference: Ref | null;
  activeCpPlan: (Ref & { category: AbuseCategory }) | null;
  activeCinPlan: Ref | null;
  openCare: (Ref & { legalStatus: string; placementType: string; categoryOfNeed: string }) | null;
  openMissing: Ref | null;
  /** The plans in place now, each with its goals (scored 0–10 at visits and reviews). */
  activePlans: ActivePlan[];
  openTimescales: { id: string; subject: string; dueOn: string; reason: string; setBy: string }[];
  /**
   * An accepted transfer into this LA of a child on a child protection plan whose transfer-in
   * conference is not held yet (transfer/): `on` is the day it was accepted.
   */
  transferInConference: Ref | null;
  /**
   * A transfer out of this LA waiting for the receiving LA, of a child on a child protection plan,
   * whose transfer-out conference is not held yet (transfer/): `on` is the day it was asked for.
   */
  transferOutConference: Ref | null;
  /** The agencies on the child's timeline (only when asked for: the journey page's filter). */
  agencies?: string[];
}

export interface ActivePlan {
  kind: PlanKind;
  id: string;
  since: string;
  goals: { id: string; goal: string }[];
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed view of a JSON column
const ref = <T = never>(v: unknown): T => (v === null || v === undefined ? null : v) as T;

export async function loadJourneyState(
  tx: Tx,
  personId: string,
  opts: { agencies?: boolean } = {},
): Promise<JourneyState> {
  const agencies =
    opts.agencies === true
      ? sql`(select array_agg(distinct o.name order by o.name) from journey_events e left join users u on u.id = e.author_id
        join organisations o on o.id = coalesce(e.organisation_id, u.organisation_id) where e.person_id = ${personId})`
      : sql`null::text[]`;
  // Prepared (database.ts): planning this statement costs far more than running it.
  const { rows } = await sql<
    Record<string, unknown>
  >`-- prepared: ${sql.raw(opts.agencies === true ? 'journey_state_agencies' : 'journey_state')}
    -- Every subquery filters on person_id first, so each reads only this person's rows by index.
    with ep as (
      select id, referral_on, nfa from cin_episodes where person_id = ${personId} and closed_on is null
    )
    select
      p.kind, p.date_of_birth::text as dob,
      (select json_build_object('id', id, 'on', received_on) from contacts
        where person_id = ${personId} and status = 'screening' order by received_on desc limit 1) as screening,
      (select json_build_object('id', id, 'on', started_on) from early_help_episodes
        where person_id = ${personId} and ended_on is null order by started_on desc limit 1) as early_help,
      (select json_build_object('id', id, 'on', referral_on, 'nfa', nfa) from ep) as episode,
      (select json_build_object('id', a.id, 'on', a.started_on) from assessments a join ep on ep.id = a.cin_episode_id
        where a.person_id = ${personId} and a.completed_on is null limit 1) as open_assessment,
      (select count(*)::int from assessments a join ep on ep.id = a.cin_episode_id
        where a.person_id = ${personId} and a.completed_on is not null) as completed,
      (select json_build_object('id', s.id, 'on', s.held_on) from strategy_discussions s join ep on ep.id = s.cin_episode_id
        where s.person_id = ${personId} and s.decision = 's47'
          and not exists (select 1 from s47_enquiries e where e.person_id = ${personId} and e.strategy_discussion_id = s.id)
        order by s.held_on desc limit 1) as strategy,
      (select json_build_object('id', e.id, 'on', e.started_on) from s47_enquiries e join ep on ep.id = e.cin_episode_id
        where e.person_id = ${personId} and e.completed_on is null limit 1) as open_s47,
      (select json_build_object('id', e.id, 'on', e.completed_on) from s47_enquiries e join ep on ep.id = e.cin_episode_id
        where e.person_id = ${personId} and e.outcome = 'conference'
          and not exists (select 1 from conferences c where c.person_id = ${personId} and c.s47_enquiry_id = e.id)
        order by e.completed_on desc limit 1) as s47_conference,
      (select json_build_object('id', id, 'on', started_on, 'category', latest_category) from cp_plans
        where person_id = ${personId} and ended_on is null) as cp_plan,
      (select json_build_object('id', id, 'on', started_on) from cin_plans
        where person_id = ${personId} and ended_on is null) as cin_plan,
      (select json_build_object('id', id, 'on', started_on, 'legalStatus', legal_status, 'placementType', placement_type,
          'categoryOfNeed', category_of_need) from care_episodes
        where person_id = ${personId} and ended_on is null) as care,
      (select json_build_object('id', id, 'on', started_on) from missing_episodes
        where person_id = ${personId} and ended_on is null order by started_on desc limit 1) as missing,
      (select json_agg(json_build_object('id', id, 'goal', goal, 'planId', plan_id) order by added_on, recorded_at) from plan_goals
        where person_id = ${personId} and ended_on is null) as goals,
      (select json_agg(json_build_object('id', t.id, 'subject', t.subject, 'dueOn', t.due_on, 'reason', t.reason, 'setBy', u.name)
          order by t.due_on) from timescales t join users u on u.id = t.set_by
        where t.person_id = ${personId} and t.completed_on is null) as timescales,
      (select json_build_object('id', t.id, 'on', (t.decided_at at time zone 'Europe/London')::date) from transfers t
        where t.received_person_id = ${personId} and t.status = 'accepted' and t.package->'plans' @> '[{"kind":"cp"}]'
          and not exists (select 1 from conferences c where c.person_id = ${personId} and c.transfer_id = t.id)
        order by t.decided_at desc limit 1) as transfer_in,
      (select json_build_object('id', t.id, 'on', (t.requested_at at time zone 'Europe/London')::date) from transfers t
        where t.person_id = ${personId} and t.la_code = p.la_code and t.status = 'requested'
          and not exists (select 1 from conferences c where c.person_id = ${personId} and c.transfer_id = t.id)
        limit 1) as transfer_out,
      ${agencies} as agencies
    from people p where p.id = ${personId}`.execute(tx);
  const r = rows[0];
  if (r === undefined) throw new Error(`person ${personId} vanished inside its own transaction`);
  const goals = (r.goals as { id: string; goal: string; planId: string }[] | null) ?? [];
  const plan = (kind: PlanKind, p: Ref | null): ActivePlan[] =>
    p === null
      ? []
      : [
          {
            kind,
            id: p.id,
            since: p.on,
            goals: goals.filter((g) => g.planId === p.id).map(({ id, goal }) => ({ id, goal })),
          },
        ];
  const episode = ref<(Ref & { nfa: boolean }) | null>(r.episode);
  const care = ref<Ref | null>(r.care);
  return {
    personId,
    activePlans: [
      ...plan('cp', ref(r.cp_plan)),
      ...plan('cin', ref(r.cin_plan)),
      ...plan('care', care !== null && episode !== null ? { id: episode.id, on: care.on } : null),
      ...plan('early-help', ref(r.early_help)),
    ],
    openTimescales: (r.timescales as JourneyState['openTimescales'] | null) ?? [],
    agencies: (r.agencies as string[] | null) ?? [],
    kind: r.kind as JourneyState['kind'],
    dateOfBirth: (r.dob as string | null) ?? null,
    screeningContact: ref(r.screening),
    openEarlyHelp: ref(r.early_help),
    openEpisode: ref(r.episode),
    openAssessment: ref(r.open_assessment),
    completedAssessments: r.completed as number,
    strategyForS47: ref(r.strategy),
    openS47: ref(r.open_s47),
    s47ForConference: ref(r.s47_conference),
    activeCpPlan: ref(r.cp_plan),
    activeCinPlan: ref(r.cin_plan),
    openCare: ref(r.care),
    openMissing: ref(r.missing),
    transferInConference: ref(r.transfer_in),
    transferOutConference: ref(r.transfer_out),
  };
}
