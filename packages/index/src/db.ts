/**
 * The index's own database: PostgreSQL by URL, or embedded PGlite in a directory. Both through
 * node-postgres (`pg`) and Kysely, one code path. Migrations are the index's own (`migrations/`,
 * table `index_migrations`), append-only and checksummed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { type ColumnType, type Generated, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockIndexDir } from './dir-lock.ts';

export type Engine = 'pglite' | 'postgres';

/** A bigint column: a string, or a number when the process set pg's INT8 parser (the app does). */
type Int8 = ColumnType<string | number, string | number, string | number>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface IndexSchema {
  index_clients: {
    id: string;
    name: string;
    secret_hash: string;
    organisations: string[];
    created_at: Timestamp;
  };
  index_tokens: { token_hash: string; client_id: string; expires_at: Timestamp };
  publications: {
    id: Generated<string | number>;
    organisation_id: string;
    ref: string;
    version: number;
    organisation_name: Opt<string>;
    organisation_kind: Opt<string>;
    la_code: Opt<string>;
    service: Opt<string>;
    role: Opt<string>;
    contact_name: Opt<string>;
    contact_phone: Opt<string>;
    contact_email: Opt<string>;
    since: Opt<string>;
    until: Opt<string>;
    shielded: ColumnType<boolean, boolean | undefined, boolean>;
    schema_id: Opt<string>;
    key_id: Opt<string>;
    content_hash: Opt<string>;
    withdrawn: boolean;
    updated_at: Timestamp;
  };
  encodings: {
    publication_id: Int8;
    organisation_id: string;
    clk: Uint8Array;
    dob: Uint8Array | null;
    nhs_block: string | null;
    fields: Uint8Array | null;
  };
  block_keys: { block: Int8; publication_id: Int8 };
  lookups: {
    id: string;
    at: Timestamp;
    caller_organisation_id: string;
    caller: unknown;
    reason: string;
    reason_text: string | null;
    outcome: string;
    returned: unknown;
  };
  lookup_hits: { lookup_id: string; organisation_id: string; ref: string; disclosed: boolean };
  audit_heads: { organisation_id: string; chain: Generated<string>; seq: Int8; hash: string };
  audit: {
    organisation_id: string;
    chain: Generated<string>;
    seq: Int8;
    at: Timestamp;
    kind: string;
    entry: unknown;
    prev_hash: string;
    hash: string;
  };
  notices: {
    id: Generated<string | number>;
    organisation_id: string;
    at: Timestamp;
    kind: string;
    ref: string;
    lookup_id: string;
    caller: unknown;
    reason: string;
    reason_text: string | null;
    shielded_contact: unknown;
  };
  index_migrations: { version: number; name: string; checksum: string; applied_at: Timestamp };
  cpis_flag_sets: {
    organisation_id: string;
    ref: string;
    version: string | number;
    la_code: string;
    organisation_name: string;
    updated_at: Timestamp;
  };
  cpis_flags: {
    organisation_id: string;
    ref: string;
    kind: string;
    key_id: string;
    nhs_key: string;
    dob_key: string | null;
    since: string;
    until: string | null;
    expected_date_of_birth: string | null;
    restricted: boolean;
  };
}

export interface IndexDatabase {
  db: Kysely<IndexSchema>;
  engine: Engine;
  close(): Promise<void>;
}

// DATE columns are calendar dates: keep them as 'YYYY-MM-DD' strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export class IndexMigrationError extends Error {
  override name = 'IndexMigrationError';
}

/**
 * Opens PGlite in `dataDir` (created if missing; one process at a time) or PostgreSQL at `url`,
 * and migrates it. @throws IndexDirInUseError when another process holds `dataDir`
 */
export async function openIndexDatabase(
  opts: { dataDir: string } | { url: string },
  poolSize = 20,
): Promise<IndexDatabase> {
  let pool: pg.Pool;
  let engine: Engine;
  let after = async (): Promise<void> => {};
  if ('url' in opts) {
    pool = new pg.Pool({ connectionString: opts.url, max: poolSize });
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL ended an idle connection: ${err.message}`);
    });
    engine = 'postgres';
  } else {
    const lock = lockIndexDir(opts.dataDir);
    let lite: PGlite;
    try {
      lite = await PGlite.create({ dataDir: opts.dataDir });
    } catch (err) {
      lock.release();
      throw err;
    }
    pool = new pg.Pool(createPgConfig(lite));
    engine = 'pglite';
    after = async () => {
      await lite.close();
      lock.release();
    };
  }
  const db = new Kysely<IndexSchema>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  const database: IndexDatabase = {
    db,
    engine,
    close: () => {
      closing ??= (async () => {
        await db.destroy();
        await after();
      })();
      return closing;
    },
  };
  try {
    await migrate(db);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

/** This version's migration files, in order, with their checksums. @throws IndexMigrationError when misnamed */
export function readIndexMigrations(): { version: number; name: string; sql: string; checksum: string }[] {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const m = /^(\d{4})-[a-z0-9-]+\.sql$/.exec(name);
      if (m === null) throw new IndexMigrationError(`Index migration ${name} is misnamed`);
      const text = readFileSync(`${MIGRATIONS_DIR}/${name}`, 'utf8');
      return {
        version: Number(m[1]),
        name,
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
  // Numbers are the files' own, unique and ascending; a gap is allowed (a number reserved for
  // work not landed yet), and a migration landing later into a gap is applied when it arrives.
  files.forEach((f, k) => {
    if (k > 0 && f.version === files[k - 1]!.version)
      throw new IndexMigrationError(`Index migrations ${files[k - 1]!.name} and ${f.name} share a number`);
  });
  return files;
}

/** Applies pending migrations in one transaction under an advisory lock. Returns the names applied. */
export async function migrate(db: Kysely<IndexSchema>): Promise<string[]> {
  const files = readIndexMigrations();
  await sql`create table if not exists index_migrations (
    version integer primary key, name text not null, checksum text not null,
    applied_at timestamptz not null default now())`.execute(db);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7270015)`.execute(trx);
    const applied = new Map(
      (await trx.selectFrom('index_migrations').selectAll().execute()).map((r) => [r.version, r]),
    );
    const done: string[] = [];
    for (const f of files) {
      const row = applied.get(f.version);
      if (row !== undefined) {
        if (row.checksum !== f.checksum)
          throw new IndexMigrationError(
            `Index migration ${f.name} has changed since it was applied: migrations are append-only`,
          );
        continue;
      }
      await sql.raw(f.sql).execute(trx);
      await trx
        .insertInto('index_migrations')
        .values({ version: f.version, name: f.name, checksum: f.checksum })
        .execute();
      done.push(f.name);
    }
    return done;
  });
}
