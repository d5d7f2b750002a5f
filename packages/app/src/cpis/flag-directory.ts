/**
 * THE national look-up of CP-IS flags by NHS number, across every LA: the one privileged,
 * cross-tenant read CP-IS makes (an emergency department does not know which council holds the
 * child). It reads only the LAs' own derived copies (`cpis_flags`) and answers only what the check
 * may show; the check itself is audited by the caller, in the responsible LA's chain.
 *
 * The involvement index (`@waypoint/index`, a keyed pseudonym of the NHS number as the extra key)
 * is meant to answer this for the whole country; until it is reachable here, this reads the flags
 * the app's own LAs derived. `FlagDirectory` is the seam: an index-backed directory replaces it.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { FlagKind } from './scope.ts';
import './tables.ts';

/** A flag as the directory holds it: no name, no address, no reason. */
export interface DirectoryFlag {
  laCode: string;
  personId: string;
  kind: FlagKind;
  since: string;
  until: string | null;
  /** The date of birth that confirms the NHS number (the expectant mother's for an unborn child). */
  keyDateOfBirth: string | null;
  /** For an unborn child, the expected date of birth. */
  expectedDateOfBirth: string | null;
  /** A restricted child (a refuge, a protected identity): the flag shows, recent accesses do not. */
  restricted: boolean;
}

export interface FlagDirectory {
  /** Every flag keyed by this canonical NHS number (10 digits), in any LA. */
  findByNhsNumber(nhsNumber: string): Promise<DirectoryFlag[]>;
}

/**
 * The directory over every LA's `cpis_flags` in this database. Reads outside any tenant
 * transaction (so across LAs): only here, only by NHS number.
 */
export function localFlagDirectory(db: Kysely<Schema>): FlagDirectory {
  return {
    async findByNhsNumber(nhsNumber) {
      const rows = await db
        .selectFrom('cpis_flags as f')
        .innerJoin('people as p', 'p.id', 'f.person_id')
        .select([
          'f.la_code',
          'f.person_id',
          'f.kind',
          'f.started_on',
          'f.ended_on',
          'f.key_date_of_birth',
          'p.expected_date_of_birth',
          'p.is_restricted',
        ])
        .where('f.nhs_number', '=', nhsNumber)
        .execute();
      return rows.map((r) => ({
        laCode: r.la_code,
        personId: r.person_id,
        kind: r.kind,
        since: r.started_on,
        until: r.ended_on,
        keyDateOfBirth: r.key_date_of_birth,
        expectedDateOfBirth: r.kind === 'unborn-cpp' ? r.expected_date_of_birth : null,
        restricted: r.is_restricted,
      }));
    },
  };
}
