/**
 * Transactions for requests: every one runs as the `waypoint_app` role with `waypoint.la_code`
 * set to the caller's acting LA, so PostgreSQL's row-level security confines it to that tenant
 * even if a query forgets its own filter.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.ts';

export type Tx = Transaction<Schema>;

/** Runs `fn` in a transaction confined to one tenant. Commits when `fn` resolves; rolls back when it throws. */
export async function inTenant<T>(
  db: Kysely<Schema>,
  laCode: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('waypoint.la_code', ${laCode}, true), set_config('role', 'waypoint_app', true)`.execute(
      tx,
    );
    return fn(tx);
  });
}
