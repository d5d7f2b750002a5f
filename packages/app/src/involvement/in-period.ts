/**
 * Agencies' involvement with a child over a period, for a learning review's chronology: "the extent
 * of other agencies' involvement". From the council's record (linked partner involvements and the
 * LA's own services, never a partner's unlinked record or an erased one), and from the national
 * involvement index for other areas' agencies (`lookup.ts` `lookupForChild` with `review_read`:
 * access checked, the look-up recorded on the child's timeline and audited like any other).
 */
import type { Tx } from '../db/tenant.ts';
import type { Agency } from './index-port.ts';
import { involvementReasons, wordsFor } from './words.ts';

/** One agency's involvement, as a chronology shows it. */
export interface PeriodInvolvement {
  /** Stable per involvement, so a chronology copies it once. */
  ref: string;
  agency: string;
  organisationId: string | null;
  service: string;
  role: string;
  reason: string | null;
  since: string;
  until: string | null;
  laCode: string;
}

/** Whether an involvement from `since` to `until` (open when null) overlaps the period. */
export const overlaps = (since: string, until: string | null, from: string, to: string): boolean =>
  since <= to && (until === null || until >= from);

/**
 * The involvements on the council's record of `personId` that overlap `from`–`to`, oldest first.
 * For a caller that has opened the record in `tx` (the caller's own access check and audit).
 */
export async function recordedInvolvementsInPeriod(
  tx: Tx,
  personId: string,
  from: string,
  to: string,
): Promise<PeriodInvolvement[]> {
  const rows = await tx
    .selectFrom('involvements as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select(['i.id', 'i.la_code', 'o.id as organisation_id', 'o.name', 'i.service', 'i.role', 'i.reason'])
    .select(['i.started_on', 'i.ended_on'])
    .where('i.person_id', '=', personId)
    .where('i.linked_at', 'is not', null)
    .where('i.erased_at', 'is', null)
    .where('i.started_on', '<=', to)
    .where((eb) => eb.or([eb('i.ended_on', 'is', null), eb('i.ended_on', '>=', from)]))
    .orderBy('i.started_on')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    ref: `record:${r.id}`,
    agency: r.name,
    organisationId: r.organisation_id,
    service: r.service ?? r.role,
    role: r.role,
    reason: r.reason === null ? null : wordsFor(involvementReasons, r.reason),
    since: r.started_on,
    until: r.ended_on,
    laCode: r.la_code,
  }));
}

/**
 * The agencies of other areas in an index answer that overlap the period (this LA's own are on its
 * record already). Contact details are left out: a chronology needs the agency and its role.
 */
export function indexedInvolvementsInPeriod(
  agencies: readonly Agency[],
  laCode: string,
  from: string,
  to: string,
): PeriodInvolvement[] {
  return agencies
    .filter((a) => a.laCode !== laCode && overlaps(a.since, a.until, from, to))
    .map((a) => ({
      ref: `index:${a.laCode}:${a.organisation}:${a.service}:${a.role}:${a.since}`,
      agency: a.organisation,
      organisationId: null,
      service: a.service,
      role: a.role,
      reason: null,
      since: a.since,
      until: a.until,
      laCode: a.laCode,
    }));
}
