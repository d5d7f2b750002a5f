/**
 * THE privileged writer: the one way to write records without a signed-in caller's access checks,
 * for the seed generator (`waypoint seed`, the demo borough) only. It still writes inside one tenant
 * transaction (row-level security holds it to the LA) and names the seed user as the author, whom
 * the audit records. Routes may not import it (a lint rule); anything else that wants it should be
 * questioned in review.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';

/** What the domain's insert functions take: the transaction, its LA and the author. */
export interface PrivilegedWriter {
  tx: Tx;
  laCode: string;
  userId: string;
}

/**
 * Runs `fn` with a privileged writer for `laCode`, authored by `seedUserId`, in one transaction.
 * @example await withPrivilegedWriter(db, '990', seedUserId, (w) => insertPerson(w, person))
 */
export function withPrivilegedWriter<T>(
  db: Kysely<Schema>,
  laCode: string,
  seedUserId: string,
  fn: (writer: PrivilegedWriter) => Promise<T>,
): Promise<T> {
  return inTenant(db, laCode, (tx) => fn({ tx, laCode, userId: seedUserId }));
}
