/**
 * Practice insight's figures, worked out ahead of the pages (migration 0027): counting a year of
 * visits, goal scores, referrals, answers and form openings for 20,000 children takes seconds, so
 * pages read one row of figures instead. Each kind of figures has one function that works them
 * out (`defineSummary`); the job queue works every LA's figures out again every 10 minutes
 * (`insight.refresh-summaries`) and soon after a write that changes what they count
 * (`summariesChanged`, called in that write's transaction, which enqueues `insight.refresh-summary`).
 * A page reading figures older than that, or changed since, still shows them (saying when they
 * were worked out) and asks for them to be worked out again; figures never worked out are worked
 * out there and then. Only counts and averages are kept (small groups already withheld), and for
 * "What got in the way?" each group's name and count (its reports' ids are stored beside the row,
 * friction-summary.ts): never a child, never a worker.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { enqueue, registerJob } from '../jobs/index.ts';

export const summaryKinds = ['friction', 'feedback', 'help', 'recording'] as const;
export type SummaryKind = (typeof summaryKinds)[number];

/** Figures older than this are worked out again (the recurring job runs this often too). */
export const SUMMARY_MAX_AGE_MINUTES = 10;

/** 'la' for the LA's figures, or a user's id for their own. */
export type SummaryScope = 'la' | (string & {});

type Compute = (tx: Tx, laCode: string, scope: SummaryScope, now: Date) => Promise<unknown>;
const computers = new Map<SummaryKind, Compute>();

/**
 * Registers how figures of `kind` are worked out (at module load, by the module that owns them).
 * `compute` reads in the tenant transaction it is given and answers plain JSON data; it may also
 * write, in that transaction, what its pages read beside the figures (friction-summary.ts stores
 * each group's report ids apart, so the overview's row stays small).
 */
export function defineSummary(kind: SummaryKind, compute: Compute): void {
  computers.set(kind, compute);
}

export interface Summary<T> {
  data: T;
  /** When these figures were worked out. */
  computedAt: Date;
  /** True when they are being worked out again (older than the limit, or changed since). */
  refreshing: boolean;
}

function computerFor(kind: SummaryKind): Compute {
  const compute = computers.get(kind);
  if (compute === undefined) throw new Error(`insight summaries: nothing defines "${kind}"`);
  return compute;
}

/** Works the figures out now and stores them (in `tx`); answers them. */
export async function refreshSummary(
  tx: Tx,
  laCode: string,
  kind: SummaryKind,
  scope: SummaryScope,
  now = new Date(),
): Promise<unknown> {
  const started = new Date();
  const data = await computerFor(kind)(tx, laCode, scope, now);
  await tx
    .insertInto('insight_summaries')
    .values({ la_code: laCode, kind, scope, data: JSON.stringify(data), computed_at: started })
    .onConflict((oc) =>
      oc
        .columns(['la_code', 'kind', 'scope'])
        .doUpdateSet({ data: JSON.stringify(data), computed_at: started }),
    )
    .execute();
  return data;
}

/**
 * The figures of `kind` for `scope`, as stored; worked out now when never worked out; when older
 * than SUMMARY_MAX_AGE_MINUTES or changed since, shown as they are and worked out again by a job.
 * `T` is what the kind's compute function answers (after a round trip through JSON).
 */
export async function readSummary<T>(
  tx: Tx,
  laCode: string,
  kind: SummaryKind,
  scope: SummaryScope,
  now = new Date(),
): Promise<Summary<T>> {
  const row = await tx
    .selectFrom('insight_summaries')
    .select(['data', 'computed_at', 'changed_at'])
    .where('la_code', '=', laCode)
    .where('kind', '=', kind)
    .where('scope', '=', scope)
    .executeTakeFirst();
  if (row === undefined) {
    const data = (await refreshSummary(tx, laCode, kind, scope, now)) as T;
    return { data: JSON.parse(JSON.stringify(data)) as T, computedAt: new Date(), refreshing: false };
  }
  return { data: row.data as T, ...(await whenWorkedOut(tx, kind, scope, row, now)) };
}

/**
 * When the figures of `kind` for `scope` were worked out, as readSummary would answer, without
 * reading the figures themselves: for a page that shows what a kind stored beside its summary in
 * the same refresh (a group of reports, friction-summary.ts). Worked out now when never worked out;
 * asked for again when old or changed, as readSummary does.
 */
export async function readSummaryAsOf(
  tx: Tx,
  laCode: string,
  kind: SummaryKind,
  scope: SummaryScope,
  now = new Date(),
): Promise<Omit<Summary<unknown>, 'data'>> {
  const row = await tx
    .selectFrom('insight_summaries')
    .select(['computed_at', 'changed_at'])
    .where('la_code', '=', laCode)
    .where('kind', '=', kind)
    .where('scope', '=', scope)
    .executeTakeFirst();
  if (row === undefined) {
    await refreshSummary(tx, laCode, kind, scope, now);
    return { computedAt: new Date(), refreshing: false };
  }
  return whenWorkedOut(tx, kind, scope, row, now);
}

async function whenWorkedOut(
  tx: Tx,
  kind: SummaryKind,
  scope: SummaryScope,
  row: { computed_at: Date | string; changed_at: Date | string | null },
  now: Date,
): Promise<Omit<Summary<unknown>, 'data'>> {
  const computedAt = new Date(row.computed_at);
  const old = now.getTime() - computedAt.getTime() > SUMMARY_MAX_AGE_MINUTES * 60_000;
  const changed = row.changed_at !== null && new Date(row.changed_at) >= computedAt;
  if (old || changed) await askForRefresh(tx, kind, scope, now);
  return { computedAt, refreshing: old || changed };
}

/** One refresh job per kind, scope and minute, however many pages ask. */
async function askForRefresh(tx: Tx, kind: SummaryKind, scope: SummaryScope, now: Date): Promise<void> {
  const minute = now.toISOString().slice(0, 16);
  await enqueue(tx, REFRESH_ONE, { kind, scope }, { idempotencyKey: `${kind}:${scope}@${minute}` });
}

/**
 * In the transaction of a write that changes what figures of `kinds` count: marks the figures
 * (the LA's, or one user's own) changed, so they are worked out again soon after it commits.
 * @example await summariesChanged(tx, '971', ['feedback', 'help']) // after a family's answer
 */
export async function summariesChanged(
  tx: Tx,
  laCode: string,
  kinds: readonly SummaryKind[],
  scope: SummaryScope = 'la',
): Promise<void> {
  const marked = await tx
    .updateTable('insight_summaries')
    .set({ changed_at: sql<Date>`clock_timestamp()` })
    .where('la_code', '=', laCode)
    .where('kind', 'in', kinds)
    .where('scope', '=', scope)
    .returning('kind')
    .execute();
  const now = new Date();
  for (const { kind } of marked) await askForRefresh(tx, kind, scope, now);
}

const REFRESH_ONE = 'insight.refresh-summary';
const REFRESH_ALL = 'insight.refresh-summaries';

registerJob(
  REFRESH_ONE,
  z.object({ kind: z.enum(summaryKinds), scope: z.union([z.literal('la'), z.uuid()]) }),
  async ({ kind, scope }, ctx) => {
    await ctx.inTenant((tx) => refreshSummary(tx, ctx.laCode, kind, scope));
  },
  { timeoutSeconds: 600 },
);

registerJob(
  REFRESH_ALL,
  z.object({}),
  async (_payload, ctx) => {
    // Each kind in its own transaction, so one slow kind never holds the others' rows.
    for (const kind of summaryKinds) await ctx.inTenant((tx) => refreshSummary(tx, ctx.laCode, kind, 'la'));
    // Workers' own figures are kept only while someone reads them: rows not read for a week go.
    await ctx.inTenant((tx) =>
      tx
        .deleteFrom('insight_summaries')
        .where('la_code', '=', ctx.laCode)
        .where('scope', '<>', 'la')
        .where('computed_at', '<', new Date(Date.now() - 7 * 24 * 3600_000))
        .execute(),
    );
  },
  { timeoutSeconds: 900, recurring: { cron: '*/10 * * * *', timezone: 'Europe/London' } },
);

const asOfFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/**
 * How fresh a page's figures are, in words (London time), for partials/figures-as-of.njk.
 * @example freshness(summary) // { asOf: '12:10 on 3 December 2026', refreshing: false, everyMinutes: 10 }
 */
export function freshness(summary: Pick<Summary<unknown>, 'computedAt' | 'refreshing'>) {
  const parts = Object.fromEntries(
    asOfFormat.formatToParts(summary.computedAt).map((p) => [p.type, p.value]),
  );
  return {
    asOf: `${parts.hour}:${parts.minute} on ${parts.day} ${parts.month} ${parts.year}`,
    refreshing: summary.refreshing,
    everyMinutes: SUMMARY_MAX_AGE_MINUTES,
  };
}
