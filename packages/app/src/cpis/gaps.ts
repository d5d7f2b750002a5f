/**
 * NHS-number gaps: children in CP-IS scope whose flag cannot be matched in unscheduled care,
 * because the NHS number that keys it (the child's, or the expectant mother's for an unborn
 * child) is missing, fails the modulus-11 check, or has not been confirmed by the data team or
 * a health partner. CP-IS go-live needs 95% matched; the aim is 100% with a reason for each gap.
 */
import { isValidNhsNumber } from '@waypoint/identifiers';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { FlagKind } from './scope.ts';
import './tables.ts';

export type GapReason = 'no_key_person' | 'missing' | 'invalid' | 'unverified';

export const gapReasonLabels: Record<GapReason, string> = {
  no_key_person: 'No expectant mother recorded for the unborn child',
  missing: 'No NHS number recorded',
  invalid: 'NHS number fails the check digit (modulus 11)',
  unverified: 'NHS number not yet confirmed by the data team or a health partner',
};

export interface ScopeRow {
  personId: string;
  kind: FlagKind;
  since: string;
  until: string | null;
  enteredScopeOn: string;
  /** Whose NHS number keys the flag (the child, or the mother of an unborn child). */
  keyPersonId: string | null;
  nhsNumber: string | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  gap: GapReason | null;
}

/** Why a flag's key is not a verified NHS number, or null when it is. */
export function gapOf(row: {
  keyPersonId: string | null;
  nhsNumber: string | null;
  verifiedAt: Date | null;
}): GapReason | null {
  if (row.keyPersonId === null) return 'no_key_person';
  if (row.nhsNumber === null || row.nhsNumber === '') return 'missing';
  if (!isValidNhsNumber(row.nhsNumber)) return 'invalid';
  if (row.verifiedAt === null) return 'unverified';
  return null;
}

/**
 * Every flag of the LA in `tx` with its key's NHS number and latest verification of that number.
 * `enteredSince` keeps those that entered scope on or after a day (the alert's).
 */
export async function scopeRows(tx: Tx, opts: { enteredSince?: string } = {}): Promise<ScopeRow[]> {
  const { rows } = await sql<{
    person_id: string;
    kind: FlagKind;
    started_on: string;
    ended_on: string | null;
    entered_scope_on: string;
    key_person_id: string | null;
    nhs_number: string | null;
    verified_at: Date | null;
    verified_by: string | null;
  }>`
    select f.person_id, f.kind, f.started_on, f.ended_on, f.entered_scope_on, f.key_person_id,
      k.nhs_number, v.verified_at, v.verified_by
    from cpis_flags f
    left join people k on k.id = f.key_person_id
    left join lateral (
      select cv.verified_at, u.name as verified_by from cpis_nhs_verifications cv
        join users u on u.id = cv.verified_by
        where cv.person_id = f.key_person_id and cv.nhs_number = k.nhs_number
        order by cv.verified_at desc limit 1
    ) v on true
    where ${opts.enteredSince === undefined ? sql`true` : sql`f.entered_scope_on >= ${opts.enteredSince}`}
    order by f.entered_scope_on desc, f.person_id`.execute(tx);
  return rows.map((r) => {
    const base = {
      personId: r.person_id,
      kind: r.kind,
      since: r.started_on,
      until: r.ended_on,
      enteredScopeOn: r.entered_scope_on,
      keyPersonId: r.key_person_id,
      nhsNumber: r.nhs_number,
      verifiedAt: r.verified_at === null ? null : new Date(r.verified_at),
      verifiedBy: r.verified_by,
    };
    return { ...base, gap: gapOf(base) };
  });
}

/** Matched share: flags whose key is a verified NHS number, of all flags (1 when there are none). */
export function matchedShare(rows: readonly ScopeRow[]): number {
  if (rows.length === 0) return 1;
  return rows.filter((r) => r.gap === null).length / rows.length;
}
