/**
 * Append-only migrations: numbered SQL files in `migrations/`, applied in order, identical on
 * PGlite and PostgreSQL. Each applied file's checksum is recorded; a file changed after it was
 * applied stops the app, because migrations are never edited once landed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Reads the migration files, in order of their numbers, each number used once. A number may be
 * missing: work on parallel branches reserves numbers ahead, and a reserved number that lands
 * after a higher one is still applied, because `migrate` applies every file not yet applied.
 */
export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  let previous = 0;
  return files.map((name) => {
    const m = /^(\d{4})-[a-z0-9-]+\.sql$/.exec(name);
    if (m === null) throw new MigrationError(`Migration file ${name} must be named NNNN-kebab-case.sql`);
    const version = Number(m[1]);
    if (version <= previous)
      throw new MigrationError(
        `Migration ${name} is out of sequence: its number ${m[1]} is used twice or is not above the one before`,
      );
    previous = version;
    const text = readFileSync(`${dir}/${name}`, 'utf8');
    return { version, name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
  });
}

/**
 * Applies every pending migration in one transaction, under an advisory lock so two processes
 * starting together do not race. Returns the names applied.
 * @throws MigrationError when an applied migration's file has changed
 */
export async function migrate(
  db: Kysely<Schema>,
  files: MigrationFile[] = readMigrations(),
): Promise<string[]> {
  await sql`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7270001)`.execute(trx);
    const applied = new Map(
      (await trx.selectFrom('schema_migrations').selectAll().execute()).map((r) => [r.version, r]),
    );
    const done: string[] = [];
    for (const file of files) {
      const row = applied.get(file.version);
      if (row !== undefined) {
        if (row.checksum !== file.checksum) {
          throw new MigrationError(
            `Migration ${file.name} has changed since it was applied. Migrations are append-only: revert the edit and add a new migration instead.`,
          );
        }
        continue;
      }
      await sql.raw(file.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: file.version, name: file.name, checksum: file.checksum })
        .execute();
      done.push(file.name);
    }
    return done;
  });
}
