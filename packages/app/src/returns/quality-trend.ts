/**
 * The data quality trend: how many errors and queries the CIN census and the SSDA903 return of the
 * year in progress had, day by day (migration 0031). The job queue records each LA's figures every
 * morning (`returns.quality-day`, 06:30 London) from the record as it stands; the data quality page
 * reads the last 30 days in its own audited read and adds today's live figures, so the chart always
 * ends today. Only counts are kept: never a child or a worker. The job is in `quality-job.ts`.
 */
import type { ColumnType } from 'kysely';
import type { Tx } from '../db/tenant.ts';

export type TrendReturn = 'CIN census' | 'SSDA903';

export interface ReturnsQualityDaysTable {
  la_code: string;
  /** YYYY-MM-DD (DATE is read as text, db/database.ts). */
  day: string;
  collection_year: string;
  return_name: TrendReturn;
  children: number;
  errors: number;
  queries: number;
  recorded_at: ColumnType<Date, never, Date>;
}

declare module '../db/schema.ts' {
  interface Schema {
    returns_quality_days: ReturnsQualityDaysTable;
  }
}

/** One return's figures on one day. */
export interface QualityDay {
  day: string;
  return: TrendReturn;
  children: number;
  errors: number;
  queries: number;
}

/** How many days back the page shows. */
export const TREND_DAYS = 30;

/** A validation report's figures: its children and its findings by kind. */
export function figuresOf(report: {
  children: number;
  issues: readonly { kind: string }[];
}): Pick<QualityDay, 'children' | 'errors' | 'queries'> {
  let errors = 0;
  let queries = 0;
  for (const i of report.issues)
    if (i.kind === 'error') errors++;
    else queries++;
  return { children: report.children, errors, queries };
}

/** Records (or replaces) the day's figures of each return. */
export async function recordQualityDay(
  tx: Tx,
  laCode: string,
  year: string,
  days: readonly QualityDay[],
): Promise<void> {
  for (const d of days)
    await tx
      .insertInto('returns_quality_days')
      .values({
        la_code: laCode,
        day: d.day,
        collection_year: year,
        return_name: d.return,
        children: d.children,
        errors: d.errors,
        queries: d.queries,
      })
      .onConflict((oc) =>
        oc.columns(['la_code', 'collection_year', 'return_name', 'day']).doUpdateSet({
          children: d.children,
          errors: d.errors,
          queries: d.queries,
          recorded_at: new Date(),
        }),
      )
      .execute();
}

/** The recorded days of the year's returns from `TREND_DAYS` before `until`, oldest first. */
export async function readQualityTrend(
  tx: Tx,
  laCode: string,
  year: string,
  until: string,
): Promise<QualityDay[]> {
  const from = new Date(`${until}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - (TREND_DAYS - 1));
  const rows = await tx
    .selectFrom('returns_quality_days')
    .select(['day', 'return_name', 'children', 'errors', 'queries'])
    .where('la_code', '=', laCode)
    .where('collection_year', '=', year)
    .where('day', '>=', from.toISOString().slice(0, 10))
    .where('day', '<=', until)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    return: r.return_name,
    children: r.children,
    errors: r.errors,
    queries: r.queries,
  }));
}

/** The trend with `live` (today's figures as the page just built them) in place of a recorded today. */
export function withToday(recorded: readonly QualityDay[], live: readonly QualityDay[]): QualityDay[] {
  const days = new Set(live.map((l) => `${l.return}:${l.day}`));
  return [...recorded.filter((r) => !days.has(`${r.return}:${r.day}`)), ...live].sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
}
