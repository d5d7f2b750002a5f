/**
 * Reads the caller's LA for a return: every child's statutory record, through the caller-bound
 * repository (refused unless the caller may see the returns), audited as one read naming the
 * children, and turned into `@waypoint/returns`' model by the adapter.
 */
import type { ReturnsInput } from '@waypoint/returns';
import type { Tx } from '../db/tenant.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { laChildIdOf, toReturnsInput } from './adapter.ts';
import { loadForReturns } from './load-record.ts';
import { readQualityTrend, type QualityDay } from './quality-trend.ts';

/** Who a child of a return is in the record: for the data quality page's links and counts. */
export interface ReturnChild {
  personId: string;
  team: string | null;
  worker: string | null;
}

export interface LaForReturns {
  input: ReturnsInput;
  /** By LA child ID. */
  children: Map<string, ReturnChild>;
  /** The recorded days of the data quality trend, when asked for (`trendOf`). */
  trend: QualityDay[];
}

/**
 * @param what names the return in the audit, e.g. `cin 2025-26`
 * @param asAt the day the return is built as of
 * @param trendOf also read the data quality trend of this collection year up to this day, in the same read
 * @throws NotFoundError when the caller may not see the returns
 */
export async function readLaForReturns(
  records: PersonRecords,
  what: string,
  asAt: string,
  trendOf?: { year: string; until: string },
): Promise<LaForReturns> {
  return records.readForReturn(what, async (tx, laCode) => {
    const { input, children } = await readLaInTx(tx, laCode, asAt);
    const trend =
      trendOf === undefined ? [] : await readQualityTrend(tx, laCode, trendOf.year, trendOf.until);
    return { value: { input, children, trend }, children: [...children.keys()] };
  });
}

/**
 * The LA's statutory record as the library's model, inside a transaction the caller has already
 * authorised and will audit (the repository's `readForReturn`, or the quality-day job's own event).
 */
export async function readLaInTx(
  tx: Tx,
  laCode: string,
  asAt: string,
): Promise<{ input: ReturnsInput; children: Map<string, ReturnChild> }> {
  const la = await tx
    .selectFrom('local_authorities')
    .select('name')
    .where('la_code', '=', laCode)
    .executeTakeFirst();
  const loaded = await loadForReturns(tx, laCode);
  const children = new Map<string, ReturnChild>();
  for (const l of loaded)
    children.set(laChildIdOf(l.child), {
      personId: l.child.id,
      team: l.child.team_name,
      worker: l.child.worker_name,
    });
  return { input: toReturnsInput(laCode, la?.name ?? null, loaded, asAt), children };
}
