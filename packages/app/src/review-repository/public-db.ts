/**
 * The public repository's only way to read: a transaction as `waypoint_app` with no tenant set,
 * so row-level security shows it published reviews that are not withdrawn, and nothing else
 * (every other table's tenant policy matches no row). Read only.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';

/** Runs `fn` in a read-only transaction that can see only what the public may see. */
export async function inPublic<T>(db: Kysely<Schema>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set transaction read only`.execute(tx);
    await sql`select set_config('waypoint.la_code', '', true), set_config('role', 'waypoint_app', true)`.execute(
      tx,
    );
    return fn(tx);
  });
}
