/**
 * The burden of recording, measured by the system itself (openings and saves recorded by
 * recording-hooks.ts from the form kit): for each task, how long forms take from opening to
 * saving (median and the middle half), inputs filled and required, and how many are abandoned
 * (opened over a day ago and never saved); the trend by month; the spread of times; by team; and
 * the time recorded with children at visits (from the journey). For the principal social worker
 * and managers (the council's figures, a task, month or team with fewer than 5 people not shown)
 * and for each worker about themselves. Never a list of individuals.
 */
import { sql, type Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { SMALLEST_GROUP } from '../feedback/trends.ts';
import { NotFoundError } from '../http/errors.ts';
import { findStep } from '../journey/steps/index.ts';
import { timeWithChildren } from '../journey/practice-measures.ts';
import { defineSummary, readSummary, type Summary } from './summaries.ts';

export type BurdenScope = 'la' | 'mine';

export interface TaskRow {
  task: string;
  label: string;
  suppressed: boolean;
  saved: number | null;
  /** Minutes, to one decimal place. */
  median: number | null;
  lowerQuartile: number | null;
  upperQuartile: number | null;
  filled: number | null;
  required: number | null;
  /** Per cent of settled forms (saved, or opened over a day ago) never saved. */
  abandoned: number | null;
}

export interface Burden {
  scope: BurdenScope;
  tasks: TaskRow[];
  months: { label: string; value: number | null }[];
  spread: { label: string; value: number | null }[];
  teams: {
    label: string;
    suppressed: boolean;
    saved: number | null;
    median: number | null;
    abandoned: number | null;
  }[];
  withChildren: { label: string; value: number | null; visits: number | null; hours: number | null }[];
}

const fixed: Record<string, string> = {
  '/children/:id/visits/new': 'Record a visit',
  '/children/:id/notes/:id/edit': 'Edit a case note',
  '/children/:id/documents/new': 'Add a document',
  '/supervision/new': 'Record a supervision',
  '/people/new': 'Add a person',
  '/what-got-in-the-way': 'What got in the way?',
};

/** A task's name in words: the journey step's title, or the page's. */
export function taskLabel(task: string): string {
  const step = /^\/children\/:id\/record\/([a-z-]+)$/.exec(task)?.[1];
  if (step !== undefined) return findStep(step)?.title ?? `Record: ${step}`;
  return fixed[task] ?? task;
}

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const minutes = (seconds: string | number | null) =>
  seconds === null ? null : Math.round((Number(seconds) / 60) * 10) / 10;
const percent = (part: number, all: number) => (all === 0 ? null : Math.round((part / all) * 100));
const spreadBuckets = [
  'Under 1 minute',
  '1 to 2 minutes',
  '2 to 5 minutes',
  '5 to 10 minutes',
  '10 to 20 minutes',
  '20 minutes or more',
];

/**
 * Works out the burden of recording for the council (`la`) or for one user (`mine`, `userId`):
 * the summary's compute (summaries.ts).
 */
export async function computeRecordingBurden(
  tx: Tx,
  laCode: string,
  scope: BurdenScope,
  userId: string | undefined,
  now: Date,
): Promise<Burden> {
  const keys = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
    return { key: d.toISOString().slice(0, 7), label: monthLabel.format(d) };
  });
  const since = `${keys[0]!.key}-01`;
  const smallest = scope === 'la' ? SMALLEST_GROUP : 1;
  const whose = scope === 'mine' ? sql`and o.user_id = ${userId ?? ''}` : sql``;
  const from = sql`from form_openings o where o.la_code = ${laCode} and o.opened_at >= ${since}::date ${whose}`;
  const settled = sql`(o.saved_at is not null or o.opened_at < now() - interval '1 day')`;
  const { rows: tasks } = await sql<{
    task: string;
    people: number;
    saved: number;
    abandoned: number;
    settled: number;
    p25: string | null;
    p50: string | null;
    p75: string | null;
    filled: string | null;
    required: string | null;
  }>`select o.task, count(distinct o.user_id)::int as people,
        count(o.saved_at)::int as saved,
        sum(case when o.saved_at is null and ${settled} then 1 else 0 end)::int as abandoned,
        sum(case when ${settled} then 1 else 0 end)::int as settled,
        percentile_cont(0.25) within group (order by o.seconds_to_save) as p25,
        percentile_cont(0.5) within group (order by o.seconds_to_save) as p50,
        percentile_cont(0.75) within group (order by o.seconds_to_save) as p75,
        percentile_cont(0.5) within group (order by o.inputs_filled) as filled,
        percentile_cont(0.5) within group (order by o.inputs_required) as required
      ${from} group by o.task order by count(*) desc, o.task`.execute(tx);
  const { rows: months } = await sql<{ m: string; people: number; p50: string | null }>`
      select to_char(o.opened_at at time zone 'UTC', 'YYYY-MM') as m, count(distinct o.user_id)::int as people,
        percentile_cont(0.5) within group (order by o.seconds_to_save) as p50
      ${from} group by 1`.execute(tx);
  const { rows: spread } = await sql<{ bucket: number; people: number; n: number }>`
      select case when o.seconds_to_save < 60 then 0 when o.seconds_to_save < 120 then 1
        when o.seconds_to_save < 300 then 2 when o.seconds_to_save < 600 then 3
        when o.seconds_to_save < 1200 then 4 else 5 end as bucket,
        count(distinct o.user_id)::int as people, count(*)::int as n
      ${from} and o.saved_at is not null group by 1`.execute(tx);
  const people =
    (
      await sql<{
        n: number;
      }>`select count(distinct o.user_id)::int as n ${from} and o.saved_at is not null`.execute(tx)
    ).rows[0]?.n ?? 0;
  const teams =
    scope === 'mine'
      ? []
      : (
          await sql<{
            name: string;
            people: number;
            saved: number;
            abandoned: number;
            settled: number;
            p50: string | null;
          }>`
        select t.name, count(distinct o.user_id)::int as people, count(o.saved_at)::int as saved,
          sum(case when o.saved_at is null and ${settled} then 1 else 0 end)::int as abandoned,
          sum(case when ${settled} then 1 else 0 end)::int as settled,
          percentile_cont(0.5) within group (order by o.seconds_to_save) as p50
        from form_openings o join team_memberships m on m.user_id = o.user_id and m.ended_at is null
          join teams t on t.id = m.team_id
        where o.la_code = ${laCode} and o.opened_at >= ${since}::date
        group by t.name order by t.name`.execute(tx)
        ).rows;
  const visits = await timeWithChildren(tx, laCode, since, scope === 'mine' ? userId : undefined);
  return {
    scope,
    tasks: tasks.map((r) => {
      const ok = r.people >= smallest;
      return {
        task: r.task,
        label: taskLabel(r.task),
        suppressed: !ok,
        saved: ok ? r.saved : null,
        median: ok ? minutes(r.p50) : null,
        lowerQuartile: ok ? minutes(r.p25) : null,
        upperQuartile: ok ? minutes(r.p75) : null,
        filled: ok && r.filled !== null ? Number(r.filled) : null,
        required: ok && r.required !== null ? Number(r.required) : null,
        abandoned: ok ? percent(r.abandoned, r.settled) : null,
      };
    }),
    months: keys.map((k) => {
      const r = months.find((x) => x.m === k.key);
      return { label: k.label, value: r !== undefined && r.people >= smallest ? minutes(r.p50) : null };
    }),
    spread: spreadBuckets.map((label, i) => ({
      label,
      value: people >= smallest ? (spread.find((s) => s.bucket === i)?.n ?? 0) : null,
    })),
    teams: teams.map((r) => {
      const ok = r.people >= SMALLEST_GROUP;
      return {
        label: r.name,
        suppressed: !ok,
        saved: ok ? r.saved : null,
        median: ok ? minutes(r.p50) : null,
        abandoned: ok ? percent(r.abandoned, r.settled) : null,
      };
    }),
    withChildren: keys.map((k) => {
      const r = visits.find((v) => v.month === k.key);
      const ok = r !== undefined && r.workers >= smallest;
      return {
        label: k.label,
        value: ok ? r.medianMinutes : null,
        visits: ok ? r.visits : null,
        hours: ok ? Math.round((r.minutes / 60) * 10) / 10 : null,
      };
    }),
  };
}

defineSummary('recording', (tx, laCode, scope, now) =>
  computeRecordingBurden(tx, laCode, scope === 'la' ? 'la' : 'mine', scope === 'la' ? undefined : scope, now),
);

/**
 * The burden of recording for the council (`la`: needs see_practice_insight) or for the caller
 * themselves (`mine`), as last worked out (summaries.ts).
 * @throws NotFoundError for `la` without see_practice_insight
 */
export async function recordingBurden(
  db: Kysely<Schema>,
  actor: Actor,
  scope: BurdenScope,
  now = new Date(),
): Promise<Summary<Burden>> {
  if (scope === 'la' && !can(actor.roles, 'see_practice_insight'))
    throw new NotFoundError('no see_practice_insight capability');
  return inTenant(db, actor.laCode, (tx) =>
    readSummary<Burden>(tx, actor.laCode, 'recording', scope === 'la' ? 'la' : actor.userId, now),
  );
}
