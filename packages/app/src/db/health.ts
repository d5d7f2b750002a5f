/** Whether the database answers: for `GET /health`. */
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Answers whether the database responds to a query. */
export async function isDatabaseUp(db: Kysely<Schema>): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return r.rows[0]?.ok === 1;
}
