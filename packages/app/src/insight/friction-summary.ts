/**
 * The PSW's view of "What got in the way?" reports: counts by month, and the groups by page and
 * by theme (themes.ts) with their counts. Grouping a year of reports takes a while, so it is a
 * summary (summaries.ts), worked out by the job queue after each report or reply; the ids of each
 * group's reports are stored beside it in the same transaction, a row per group (migration 0052),
 * so the overview reads names and counts only and a group's page reads only its page of ids. The
 * reports themselves (with replies) are read live, a group or the latest at a time. Reports never
 * name who made them here.
 */
import { sql, type Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { NotFoundError } from '../http/errors.ts';
import { frictionColumns, presentFriction, type FrictionReport } from './friction.ts';
import { defineSummary, readSummary, readSummaryAsOf, type Summary } from './summaries.ts';
import { themes } from './themes.ts';

export interface FrictionGroup {
  name: string;
  count: number;
}

/** A group with its reports' ids, newest first: stored apart from the summary (migration 0052). */
export interface FrictionGroupIds {
  name: string;
  ids: string[];
}

/** The summary, and each group's ids in the summary's order. */
export interface FrictionGrouping {
  summary: FrictionSummary;
  themes: FrictionGroupIds[];
  pages: FrictionGroupIds[];
}

export interface FrictionSummary {
  total: number;
  byMonth: { month: string; label: string; count: number }[];
  byPage: FrictionGroup[];
  byTheme: FrictionGroup[];
}

const monthLabel = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const monthKey = (d: Date) => d.toISOString().slice(0, 7);

/** Groups the reports (newest first) by page, theme and month (the last 12 months, oldest first). */
export function summariseFriction(
  reports: readonly Pick<FrictionReport, 'id' | 'page' | 'body' | 'createdAt'>[],
  now = new Date(),
): FrictionGrouping {
  const months: { month: string; label: string; count: number }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 15));
    months.push({ month: monthKey(d), label: monthLabel.format(d), count: 0 });
  }
  for (const r of reports) {
    const m = months.find((x) => x.month === monthKey(r.createdAt));
    if (m !== undefined) m.count++;
  }
  const byPage = new Map<string, string[]>();
  for (const r of reports) {
    const ids = byPage.get(r.page);
    if (ids === undefined) byPage.set(r.page, [r.id]);
    else ids.push(r.id);
  }
  const pages = [...byPage.entries()]
    .map(([name, ids]) => ({ name, ids }))
    .sort((a, b) => b.ids.length - a.ids.length || a.name.localeCompare(b.name));
  const grouped = themes(reports, (r) => r.body).map((t) => ({
    name: t.name,
    ids: t.items.map((r) => r.id),
  }));
  const counted = (g: FrictionGroupIds): FrictionGroup => ({ name: g.name, count: g.ids.length });
  return {
    summary: {
      total: reports.length,
      byMonth: months,
      byPage: pages.map(counted),
      byTheme: grouped.map(counted),
    },
    themes: grouped,
    pages,
  };
}

/** Replaces the LA's stored groups of `kind` by `groups` (their positions are their places). */
async function storeGroups(
  tx: Tx,
  laCode: string,
  kind: 'theme' | 'page',
  groups: readonly FrictionGroupIds[],
): Promise<void> {
  if (groups.length > 0)
    await tx
      .insertInto('insight_friction_groups')
      .values(
        groups.map((g, position) => ({ la_code: laCode, kind, position, name: g.name, report_ids: g.ids })),
      )
      .onConflict((oc) =>
        oc.columns(['la_code', 'kind', 'position']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          report_ids: eb.ref('excluded.report_ids'),
        })),
      )
      .execute();
  await tx
    .deleteFrom('insight_friction_groups')
    .where('la_code', '=', laCode)
    .where('kind', '=', kind)
    .where('position', '>=', groups.length)
    .execute();
}

/**
 * Works the summary out from the LA's reports of the last year and stores each group's ids beside
 * it, in `tx` (the summary's compute); answers the summary.
 */
export async function computeFrictionSummary(tx: Tx, laCode: string, now: Date): Promise<FrictionSummary> {
  const rows = await tx
    .selectFrom('friction_reports')
    .select(['id', 'page', 'body', 'created_at'])
    .where('la_code', '=', laCode)
    .where('created_at', '>=', new Date(now.getTime() - 366 * 24 * 3600 * 1000))
    .orderBy('created_at', 'desc')
    .limit(5000)
    .execute();
  const grouping = summariseFriction(
    rows.map((r) => ({ id: r.id, page: r.page, body: r.body, createdAt: new Date(r.created_at) })),
    now,
  );
  await storeGroups(tx, laCode, 'theme', grouping.themes);
  await storeGroups(tx, laCode, 'page', grouping.pages);
  return grouping.summary;
}

defineSummary('friction', (tx, laCode, _scope, now) => computeFrictionSummary(tx, laCode, now));

function requirePsw(actor: Actor): void {
  if (!can(actor.roles, 'respond_to_reports')) throw new NotFoundError('no respond_to_reports capability');
}

export interface FrictionOverview {
  summary: Summary<FrictionSummary>;
  /** The 10 newest reports, read now, with their replies. */
  latest: FrictionReport[];
}

/** The PSW's overview: the summary as last worked out and the newest reports. @throws NotFoundError */
export async function frictionOverview(db: Kysely<Schema>, actor: Actor): Promise<FrictionOverview> {
  requirePsw(actor);
  return inTenant(db, actor.laCode, async (tx) => ({
    summary: await readSummary<FrictionSummary>(tx, actor.laCode, 'friction', 'la'),
    latest: (
      await tx
        .selectFrom('friction_reports')
        .select(frictionColumns)
        .where('la_code', '=', actor.laCode)
        .orderBy('created_at', 'desc')
        .limit(10)
        .execute()
    ).map(presentFriction),
  }));
}

export const GROUP_PAGE_SIZE = 20;

export interface FrictionGroupPage {
  kind: 'theme' | 'page';
  name: string;
  count: number;
  reports: FrictionReport[];
  page: number;
  pages: number;
  computedAt: Date;
}

/**
 * One group of the summary (the `index`-th theme, or the page `pattern`), a page of its reports at
 * a time, read now with their replies: the group's row (migration 0052) gives its name, count and
 * that page's ids. @throws NotFoundError (no such group or page, or not the PSW)
 */
export async function frictionGroup(
  db: Kysely<Schema>,
  actor: Actor,
  group: { theme: number } | { on: string },
  page: number,
): Promise<FrictionGroupPage> {
  requirePsw(actor);
  return inTenant(db, actor.laCode, async (tx) => {
    const { computedAt } = await readSummaryAsOf(tx, actor.laCode, 'friction', 'la');
    const from = (page - 1) * GROUP_PAGE_SIZE + 1;
    const found = await tx
      .selectFrom('insight_friction_groups')
      .select([
        'name',
        sql<number>`cardinality(report_ids)`.as('count'),
        // One page of ids (arrays count from 1); as text[], which both engines' drivers parse.
        sql<string[]>`report_ids[${from}:${from + GROUP_PAGE_SIZE - 1}]::text[]`.as('ids'),
      ])
      .where('la_code', '=', actor.laCode)
      .where('kind', '=', 'theme' in group ? 'theme' : 'page')
      .where((eb) => ('theme' in group ? eb('position', '=', group.theme) : eb('name', '=', group.on)))
      .executeTakeFirst();
    if (found === undefined) throw new NotFoundError('no such group of reports');
    const pages = Math.max(1, Math.ceil(found.count / GROUP_PAGE_SIZE));
    if (page > pages) throw new NotFoundError('no such page of reports');
    const ids = found.ids;
    const rows =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('friction_reports')
            .select(frictionColumns)
            .where('id', 'in', ids)
            .orderBy('created_at', 'desc')
            .execute();
    return {
      kind: 'theme' in group ? 'theme' : 'page',
      name: found.name,
      count: found.count,
      reports: rows.map(presentFriction),
      page,
      pages,
      computedAt,
    };
  });
}
