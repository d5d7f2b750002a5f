/**
 * Planner statistics for PGlite, which has no autovacuum to gather them: without them a query over
 * tables that have grown since (the duplicate check, search) is planned as if they were empty and
 * can hold PGlite's one connection for minutes, so every other request waits. `waypoint serve`
 * runs ANALYZE in the background after it starts and then every few hours. PostgreSQL's own
 * autovacuum does this; it is not run there.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

export const ANALYZE_EVERY_MS = 6 * 60 * 60 * 1000;

export async function refreshStatistics(db: Kysely<Schema>): Promise<void> {
  await sql`analyze`.execute(db);
}
