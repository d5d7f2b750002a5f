/**
 * Kysely's view of the tables. One interface per table, kept in step with `migrations/`.
 * Every tenant table carries `la_code` (the 3-digit LA code), the shard key for Citus.
 */
import type { Generated } from 'kysely';

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface Schema {
  schema_migrations: SchemaMigrationsTable;
}
