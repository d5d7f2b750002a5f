/**
 * THE national look-up of CP-IS flags by NHS number (an emergency department does not know which
 * council holds the child). Two implementations of one seam:
 *
 * - `indexFlagDirectory`: the involvement index (`flag-index.ts`), where every LA publishes its
 *   flags under keyed pseudonyms of the NHS number: one index, not two, and no NHS number in it.
 *   `waypoint serve` uses it whenever the index is open.
 * - `localFlagDirectory`: the app's own LAs' derived copies (`cpis_flags`), a cross-tenant read
 *   (the one privileged read here, by NHS number only), for a process without the index.
 *
 * Either answers only what the check may show; the check is audited by the caller in the
 * responsible LA's chain, and by the index in the caller's.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Caller } from '../involvement/index-port.ts';
import { type FlagHit, flagIndexPort, type FlagIndexPort } from './flag-index.ts';
import './tables.ts';

/**
 * A flag as the directory answers it: no name, no address, no reason; `restricted` (the flag
 * shows, recent accesses do not), `confirmed` (the date of birth given confirms the NHS number,
 * or none was given). The same shape whichever directory answers.
 */
export type DirectoryFlag = FlagHit;

export interface DirectoryCheck {
  /** Canonical NHS number (10 digits). */
  nhsNumber: string;
  dateOfBirth: string | undefined;
  caller: Caller;
  role: string;
  setting: string;
}

export interface FlagDirectory {
  /** Every flag keyed by this NHS number, in any LA, each confirmed or not by the date of birth. */
  check(q: DirectoryCheck): Promise<DirectoryFlag[]>;
}

/** The index's flags. */
export function indexFlagDirectory(port: FlagIndexPort): FlagDirectory {
  return { check: (q) => port.check(q) };
}

/**
 * The directory over every LA's `cpis_flags` in this database. Reads outside any tenant
 * transaction (so across LAs): only here, only by NHS number.
 */
export function localFlagDirectory(db: Kysely<Schema>): FlagDirectory {
  return {
    async check(q) {
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
        .where('f.nhs_number', '=', q.nhsNumber)
        .execute();
      return rows.map((r) => ({
        laCode: r.la_code,
        personId: r.person_id,
        kind: r.kind,
        since: r.started_on,
        until: r.ended_on,
        expectedDateOfBirth: r.kind === 'unborn-cpp' ? r.expected_date_of_birth : null,
        restricted: r.is_restricted,
        confirmed: q.dateOfBirth === undefined || r.key_date_of_birth === q.dateOfBirth,
      }));
    },
  };
}

/** The directory this process checks in: the index when it is open, else the local flags. */
export function flagDirectory(db: Kysely<Schema>): FlagDirectory {
  const port = flagIndexPort();
  return port === null ? localFlagDirectory(db) : indexFlagDirectory(port);
}
