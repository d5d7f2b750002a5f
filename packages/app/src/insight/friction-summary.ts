/**
 * The PSW's view of "What got in the way?" reports: counts by month, and the groups by page and
 * by theme (themes.ts) with the ids of their reports. Grouping a year of reports takes a while,
 * so it is a summary (summaries.ts), worked out by the job queue after each report or reply; the
 * reports themselves (with replies) are read live, a group or the latest at a time. Reports never
 * name who made them here.
 */
import type { Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { NotFoundError } from '../http/errors.ts';
import { frictionColumns, presentFriction, type FrictionReport } from './friction.ts';
import { defineSummary, readSummary, type Summary } from './summaries.ts';
import { themes } from './themes.ts';

export interface FrictionGroup {
  name: string;
  count: number;
  /** The reports' ids, newest first. */
  ids: string[];
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
): FrictionSummary {
  const months: { month: string; label: string; count: number }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 15));
    months.push({ month: monthKey(d), label: monthLabel.format(d), count: 0 });
  }
  for (const r of reports) {
    const m = months.find((x) => x.month === monthKey(r.createdAt));
    if (m !== undefined) m.count++;
  }
  const pages = new Map<string, string[]>();
  for (const r of reports) pages.set(r.page, [...(pages.get(r.page) ?? []), r.id]);
  return {
    total: reports.length,
    byMonth: months,
    byPage: [...pages.entries()]
      .map(([name, ids]) => ({ name, count: ids.length, ids }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    byTheme: themes(reports, (r) => r.body).map((t) => ({
      name: t.name,
      count: t.items.length,
      ids: t.items.map((r) => r.id),
    })),
  };
}

/** Works the summary out from the LA's reports of the last year (the summary's compute). */
export async function computeFrictionSummary(tx: Tx, laCode: string, now: Date): Promise<FrictionSummary> {
  const rows = await tx
    .selectFrom('friction_reports')
    .select(['id', 'page', 'body', 'created_at'])
    .where('la_code', '=', laCode)
    .where('created_at', '>=', new Date(now.getTime() - 366 * 24 * 3600 * 1000))
    .orderBy('created_at', 'desc')
    .limit(5000)
    .execute();
  return summariseFriction(
    rows.map((r) => ({ id: r.id, page: r.page, body: r.body, createdAt: new Date(r.created_at) })),
    now,
  );
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
 * a time, read now with their replies. @throws NotFoundError (no such group or page, or not the PSW)
 */
export async function frictionGroup(
  db: Kysely<Schema>,
  actor: Actor,
  group: { theme: number } | { on: string },
  page: number,
): Promise<FrictionGroupPage> {
  requirePsw(actor);
  return inTenant(db, actor.laCode, async (tx) => {
    const { data, computedAt } = await readSummary<FrictionSummary>(tx, actor.laCode, 'friction', 'la');
    const found = 'theme' in group ? data.byTheme[group.theme] : data.byPage.find((p) => p.name === group.on);
    if (found === undefined) throw new NotFoundError('no such group of reports');
    const pages = Math.max(1, Math.ceil(found.ids.length / GROUP_PAGE_SIZE));
    if (page > pages) throw new NotFoundError('no such page of reports');
    const ids = found.ids.slice((page - 1) * GROUP_PAGE_SIZE, page * GROUP_PAGE_SIZE);
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
