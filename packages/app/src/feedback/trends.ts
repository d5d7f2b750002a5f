/**
 * Families' feedback over time, for the LA and each team (managers, the PSW, the director): the
 * number of answers and the average answer to each question (0 "No" to 4 "Yes") by month, and per
 * team over the last 12 months. A team with fewer than 5 answers is not shown on its own, so no
 * family can be picked out; nothing is ever shown per worker.
 */
import { sql, type Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { defineSummary, readSummary, type Summary } from '../insight/summaries.ts';
import { NotFoundError } from '../http/errors.ts';

/** Groups smaller than this are not shown on their own. */
export const SMALLEST_GROUP = 5;

export interface TrendRow {
  label: string;
  answers: number;
  /** Null when the group is too small to show, or nobody answered the question. */
  understandWorries: number | null;
  listenedTo: number | null;
  planHelping: number | null;
  suppressed: boolean;
}

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const round = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

function row(
  label: string,
  r: { n: number; u: string | null; l: string | null; p: string | null } | undefined,
): TrendRow {
  const answers = r?.n ?? 0;
  const suppressed = answers > 0 && answers < SMALLEST_GROUP;
  return {
    label,
    answers,
    understandWorries: suppressed ? null : round(r?.u ?? null),
    listenedTo: suppressed ? null : round(r?.l ?? null),
    planHelping: suppressed ? null : round(r?.p ?? null),
    suppressed,
  };
}

export interface FeedbackTrends {
  months: TrendRow[];
  teams: TrendRow[];
  la: TrendRow;
}

/** Works out the LA's months (last 12, oldest first) and its teams (the summary's compute). */
export async function computeFeedbackTrends(tx: Tx, laCode: string, now: Date): Promise<FeedbackTrends> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const { rows: byMonth } = await sql<{
    m: string;
    n: number;
    u: string | null;
    l: string | null;
    p: string | null;
  }>`
      select to_char(date_trunc('month', answered_at at time zone 'UTC'), 'YYYY-MM') as m, count(*)::int as n,
        avg(understand_worries) as u, avg(listened_to) as l, avg(plan_helping) as p
      from feedback_responses where la_code = ${laCode} and answered_at >= ${start}
      group by 1`.execute(tx);
  const { rows: byTeam } = await sql<{
    name: string;
    n: number;
    u: string | null;
    l: string | null;
    p: string | null;
  }>`
      select coalesce(t.name, 'No team recorded') as name, count(*)::int as n,
        avg(r.understand_worries) as u, avg(r.listened_to) as l, avg(r.plan_helping) as p
      from feedback_responses r left join teams t on t.id = r.team_id
      where r.la_code = ${laCode} and r.answered_at >= ${start}
      group by 1 order by 1`.execute(tx);
  const { rows: all } = await sql<{ n: number; u: string | null; l: string | null; p: string | null }>`
      select count(*)::int as n, avg(understand_worries) as u, avg(listened_to) as l, avg(plan_helping) as p
      from feedback_responses where la_code = ${laCode} and answered_at >= ${start}`.execute(tx);
  const months: TrendRow[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1));
    const key = d.toISOString().slice(0, 7);
    months.push(
      row(
        monthLabel.format(d),
        byMonth.find((r) => r.m === key),
      ),
    );
  }
  return { months, teams: byTeam.map((r) => row(r.name, r)), la: row('The LA', all[0]) };
}

defineSummary('feedback', (tx, laCode, _scope, now) => computeFeedbackTrends(tx, laCode, now));

/**
 * The LA's months and teams, as last worked out (insight/summaries.ts).
 * @throws NotFoundError without see_practice_insight
 */
export async function feedbackTrends(
  db: Kysely<Schema>,
  actor: Actor,
  now = new Date(),
): Promise<Summary<FeedbackTrends>> {
  if (!can(actor.roles, 'see_practice_insight'))
    throw new NotFoundError('no see_practice_insight capability');
  return inTenant(db, actor.laCode, (tx) =>
    readSummary<FeedbackTrends>(tx, actor.laCode, 'feedback', 'la', now),
  );
}

/**
 * The LA's months and teams as last worked out, for a caller whose access another capability
 * decided in `tx` (an inspection's inspectors while it is on: inspection/feedback.ts).
 */
export async function readFeedbackTrends(tx: Tx, laCode: string): Promise<Summary<FeedbackTrends>> {
  return readSummary<FeedbackTrends>(tx, laCode, 'feedback', 'la');
}
