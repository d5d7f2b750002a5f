/**
 * Caseloads: a worker's allocated children, a team's children and workers, and a manager's view of
 * the children whose own timescales have passed (the dates the worker set, with their reasons;
 * never a national day count) and of work allocated to a team but to no worker. Each child's status
 * is the journey page's words (`statusOf`), from one set-based query rather than one per child.
 * Reads are audited as one list read each.
 */
import { sql } from 'kysely';
import type { AccessContext } from '../access/access-context.ts';
import { can } from '../access/capabilities.ts';
import type { Tx } from '../db/tenant.ts';
import { AppError } from '../http/errors.ts';
import type { JourneyState } from '../journey/state.ts';
import { ageOn } from '../presenters/person.ts';
import { statusOf } from '../journey/load-journey.ts';
import type { PersonRecords } from '../records/person-records.ts';

export interface ChildSummary {
  id: string;
  name: string;
  dateOfBirth: string | null;
  age: string | null;
  status: string;
  lastVisit: string | null;
  nextTimescale: { subject: string; dueOn: string } | null;
  workerName: string | null;
  teamName: string | null;
}

const none: Omit<JourneyState, 'personId' | 'kind' | 'dateOfBirth'> = {
  screeningContact: null,
  openEarlyHelp: null,
  openEpisode: null,
  openAssessment: null,
  completedAssessments: 0,
  strategyForS47: null,
  openS47: null,
  s47ForConference: null,
  activeCpPlan: null,
  activeCinPlan: null,
  openCare: null,
  openMissing: null,
  transferInConference: null,
  transferOutConference: null,
  activePlans: [],
  openTimescales: [],
};

/** Summaries of the children allocated now (to `worker`, or to any of `teams`), with their status. */
async function summaries(
  tx: Tx,
  laCode: string,
  by: { worker: string } | { teams: string[]; unallocatedOnly?: boolean },
): Promise<ChildSummary[]> {
  if ('teams' in by && by.teams.length === 0) return [];
  const filter =
    'worker' in by
      ? sql`a.worker_user_id = ${by.worker}`
      : sql`a.team_id = any(${by.teams}::uuid[])${by.unallocatedOnly === true ? sql` and a.worker_user_id is null` : sql``}`;
  const { rows } = await sql<Record<string, unknown>>`
    select p.id, p.given_name, p.family_name, p.kind, p.date_of_birth::text as dob, u.name as worker, t.name as team,
      (select json_build_object('id', id, 'on', started_on, 'legalStatus', legal_status, 'placementType', placement_type,
          'categoryOfNeed', category_of_need) from care_episodes where person_id = p.id and ended_on is null limit 1) as care,
      (select json_build_object('id', id, 'on', started_on, 'category', latest_category) from cp_plans
        where person_id = p.id and ended_on is null limit 1) as cp,
      (select json_build_object('id', id, 'on', started_on) from cin_plans where person_id = p.id and ended_on is null limit 1) as cin,
      (select json_build_object('id', id, 'on', referral_on, 'nfa', nfa) from cin_episodes
        where person_id = p.id and closed_on is null limit 1) as episode,
      (select json_build_object('id', e.id, 'on', e.started_on) from s47_enquiries e
        join cin_episodes ep on ep.id = e.cin_episode_id and ep.closed_on is null
        where e.person_id = p.id and e.completed_on is null limit 1) as s47,
      (select json_build_object('id', s.id, 'on', s.started_on) from assessments s
        join cin_episodes ep on ep.id = s.cin_episode_id and ep.closed_on is null
        where s.person_id = p.id and s.completed_on is null limit 1) as assessment,
      (select json_build_object('id', id, 'on', started_on) from early_help_episodes
        where person_id = p.id and ended_on is null order by started_on desc limit 1) as early_help,
      (select json_build_object('id', id, 'on', received_on) from contacts
        where person_id = p.id and status = 'screening' order by received_on desc limit 1) as screening,
      (select max(visit_date)::text from visits where person_id = p.id) as last_visit,
      (select json_build_object('subject', subject, 'dueOn', due_on) from timescales
        where person_id = p.id and completed_on is null order by due_on limit 1) as next_timescale
    from allocations a
    join people p on p.id = a.person_id
    join teams t on t.id = a.team_id
    left join users u on u.id = a.worker_user_id
    where a.ended_at is null and a.la_code = ${laCode} and ${filter}
    order by p.family_name, p.given_name
    limit 2000`.execute(tx);
  // JSON columns built in SQL to the state's own shapes (or null).
  const ref = (v: unknown): never => (v ?? null) as never;
  return rows.map((r) => {
    const state: JourneyState = {
      ...none,
      personId: r.id as string,
      kind: r.kind as JourneyState['kind'],
      dateOfBirth: r.dob as string | null,
      openCare: ref(r.care),
      activeCpPlan: ref(r.cp),
      activeCinPlan: ref(r.cin),
      openEpisode: ref(r.episode),
      openS47: ref(r.s47),
      openAssessment: ref(r.assessment),
      openEarlyHelp: ref(r.early_help),
      screeningContact: ref(r.screening),
    };
    return {
      id: r.id as string,
      name: `${r.given_name as string} ${r.family_name as string}`,
      dateOfBirth: r.dob as string | null,
      age: ageOn(r.dob as string | null),
      status: statusOf(state),
      lastVisit: r.last_visit as string | null,
      nextTimescale: ref(r.next_timescale),
      workerName: r.worker as string | null,
      teamName: r.team as string,
    };
  });
}

const audited = async (records: PersonRecords, tx: Tx, what: string, n: number) =>
  records.audit(tx, 'record.search', 'success', null, `${what}; results=${n}`);

/** The caller's own allocated children. */
export async function myCaseload(records: PersonRecords): Promise<ChildSummary[]> {
  return records.transaction(async (tx, ctx) => {
    const rows = await summaries(tx, ctx.actor.laCode, { worker: ctx.actor.userId });
    await audited(records, tx, 'caseload', rows.length);
    return rows;
  });
}

/** The teams a manager may look at: their own and those below them. */
const teamsOf = (ctx: AccessContext) => [...ctx.actor.teamIds, ...ctx.managedTeamIds];

function requireManager(ctx: AccessContext): void {
  if (!can(ctx.actor.roles, 'see_manager_views') || !ctx.worksForLa)
    throw new AppError('forbidden', 'Only team and service managers can see this');
}

export interface TeamView {
  id: string;
  name: string;
  workers: { id: string; name: string; isManager: boolean; children: number }[];
  children: ChildSummary[];
  unallocated: ChildSummary[];
}

/** A team's workers with their caseload counts, its children and its unallocated work. @throws NotFoundError for a team outside the caller's line */
export async function teamView(records: PersonRecords, teamId: string): Promise<TeamView> {
  return records.transaction(async (tx, ctx) => {
    requireManager(ctx);
    if (!teamsOf(ctx).includes(teamId)) throw new AppError('not_found', 'Page not found');
    const team = await tx
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('id', '=', teamId)
      .where('la_code', '=', ctx.actor.laCode)
      .executeTakeFirst();
    if (team === undefined) throw new AppError('not_found', 'Page not found');
    const workers = await tx
      .selectFrom('team_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name', 'm.is_manager as isManager'])
      .select(
        sql<number>`(select count(*)::int from allocations a where a.worker_user_id = u.id and a.ended_at is null)`.as(
          'children',
        ),
      )
      .where('m.team_id', '=', teamId)
      .where('m.ended_at', 'is', null)
      .where('u.active', '=', true)
      .orderBy('u.name')
      .execute();
    const children = await summaries(tx, ctx.actor.laCode, { teams: [teamId] });
    await audited(records, tx, `team ${teamId}`, children.length);
    return { ...team, workers, children, unallocated: children.filter((c) => c.workerName === null) };
  });
}

export interface OverdueTimescale {
  personId: string;
  name: string;
  subject: string;
  dueOn: string;
  reason: string;
  setBy: string;
  workerName: string | null;
  teamName: string;
}

/** A manager's view: own timescales passed and unallocated work, across the teams in their line. */
export async function managerView(records: PersonRecords): Promise<{
  teams: { id: string; name: string }[];
  overdue: OverdueTimescale[];
  unallocated: ChildSummary[];
}> {
  return records.transaction(async (tx, ctx) => {
    requireManager(ctx);
    const ids = teamsOf(ctx);
    const teams =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('teams')
            .select(['id', 'name'])
            .where('id', 'in', ids)
            .orderBy('name')
            .execute();
    const overdue =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('timescales as s')
            .innerJoin('allocations as a', (j) =>
              j.onRef('a.person_id', '=', 's.person_id').on('a.ended_at', 'is', null),
            )
            .innerJoin('people as p', 'p.id', 's.person_id')
            .innerJoin('teams as t', 't.id', 'a.team_id')
            .innerJoin('users as setter', 'setter.id', 's.set_by')
            .leftJoin('users as w', 'w.id', 'a.worker_user_id')
            .select([
              'p.id as personId',
              sql<string>`p.given_name || ' ' || p.family_name`.as('name'),
              's.subject',
              's.due_on as dueOn',
              's.reason',
              'setter.name as setBy',
              'w.name as workerName',
              't.name as teamName',
            ])
            .where('a.team_id', 'in', ids)
            .where('s.completed_on', 'is', null)
            .where('s.due_on', '<', sql<string>`current_date`)
            .orderBy('s.due_on')
            .limit(500)
            .execute();
    const unallocated = await summaries(tx, ctx.actor.laCode, { teams: ids, unallocatedOnly: true });
    await audited(records, tx, 'manager view', overdue.length + unallocated.length);
    return { teams, overdue, unallocated };
  });
}
