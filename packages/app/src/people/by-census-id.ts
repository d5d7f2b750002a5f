/**
 * The people of an LA a statutory return's child may be: those carrying the child's LA child ID
 * or UPN (the identifiers a census has), with the date of birth agreeing. The id Waypoint's own
 * returns give a record without an LA child ID (`returns/adapter.ts` laChildIdOf: the last 20 hex
 * digits of its id) is recognised too. The people capability's read for the data import.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';

export interface CensusIdentifiers {
  laChildId: string;
  upn?: string | null;
  birthDate?: string | null;
  expectedBirthDate?: string | null;
}

/** Existing records of `laCode` with these identifiers and the same date of birth, with why. */
export async function peopleByCensusIdentifiers(
  tx: Tx,
  laCode: string,
  c: CensusIdentifiers,
): Promise<{ id: string; why: string }[]> {
  const hex = /^[0-9A-F]{20}$/.test(c.laChildId) ? c.laChildId.toLowerCase() : null;
  const rows = await tx
    .selectFrom('people')
    .select(['id', 'la_child_id', 'upn', 'date_of_birth', 'expected_date_of_birth'])
    .where('la_code', '=', laCode)
    .where((eb) =>
      eb.or([
        eb('la_child_id', '=', c.laChildId),
        ...(c.upn ? [eb('upn', '=', c.upn)] : []),
        ...(hex !== null ? [eb(sql<string>`right(replace(id::text, '-', ''), 20)`, '=', hex)] : []),
      ]),
    )
    .limit(5)
    .execute();
  const dob = c.birthDate ?? c.expectedBirthDate ?? null;
  return rows
    .filter((r) => (r.date_of_birth ?? r.expected_date_of_birth) === dob)
    .map((r) => ({
      id: r.id,
      why:
        r.upn !== null && r.upn === c.upn
          ? 'UPN and date of birth agree'
          : 'LA child ID and date of birth agree',
    }));
}

/**
 * The child of `laCode` with this LA child ID (as recorded, or the id Waypoint's own returns give
 * a record without one), or null. For the LA's own staff choosing a child by the identifier their
 * returns and the Annex A lists show (an inspection's sample).
 */
export async function childByLaChildId(tx: Tx, laCode: string, laChildId: string): Promise<string | null> {
  const hex = /^[0-9A-F]{20}$/i.test(laChildId) ? laChildId.toLowerCase() : null;
  const rows = await tx
    .selectFrom('people')
    .select('id')
    .where('la_code', '=', laCode)
    .where('kind', '=', 'child')
    .where((eb) =>
      eb.or([
        eb('la_child_id', '=', laChildId),
        ...(hex !== null ? [eb(sql<string>`right(replace(id::text, '-', ''), 20)`, '=', hex)] : []),
      ]),
    )
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]!.id : null;
}
