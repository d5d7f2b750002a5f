/**
 * Opens the database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in the data
 * directory. Both are reached through node-postgres (`pg`) and Kysely, so there is one code path.
 */
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { readMigrations } from './migrate.ts';
import { copyTemplateInto } from './pglite-template.ts';
import type { Schema } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  engine: Engine;
  /** Closes connections (and PGlite, releasing its data directory lock). Safe to call twice. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. PGlite is single-connection. */
  poolSize?: number;
  /**
   * PGlite: start a never-initialised data directory from the prepared template (initdb and the
   * migrations done by `waypoint prepare`) when it still matches the migrations. Default false.
   */
  fromTemplate?: boolean;
}

// DATE columns are calendar dates: keep them as 'YYYY-MM-DD' strings, never shifted by time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// COUNT(*) and other BIGINTs fit comfortably in a JavaScript number for this application.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** Opens the configured database. @throws DataDirInUseError when PGlite's directory is taken */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl !== undefined) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    // An idle connection the server ends (a restart, a failover, a dropped database) is an 'error'
    // on the pool; pg removes that client and the next query opens a new one. Without a listener
    // the error is unhandled and ends the process.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL ended an idle connection: ${err.message}`);
    });
    return wrap(pool, 'postgres', async () => {});
  }
  const lock = lockDataDir(opts.dataDir);
  let lite: PGlite;
  try {
    if (opts.fromTemplate === true) copyTemplateInto(opts.dataDir, readMigrations());
    lite = await PGlite.create({ dataDir: opts.dataDir, extensions: { pg_trgm, fuzzystrmatch, pgcrypto } });
  } catch (err) {
    lock.release();
    throw err;
  }
  const pool = new pg.Pool(createPgConfig(lite));
  return wrap(pool, 'pglite', async () => {
    await lite.close();
    lock.release();
  });
}

/**
 * A statement whose text begins with `-- prepared: NAME` (a line of its own) is sent as a named
 * prepared statement: each connection parses it once, and PostgreSQL's plan cache then reuses its
 * plan (after five custom plans, a generic one when that costs no more), so a large statement run
 * many times is not planned again each time. For a statement of fixed text whose planning costs
 * more than its run (the journey state: about 18 ms of planning to 0.5 ms of execution on PGlite).
 * One text per name: a statement whose text varies needs a name per variant.
 */
const PREPARED = /^-- prepared: ([a-z][a-z0-9_]*)\n/;

function preparing(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    // The client's own query, looked up at each call (a test may wrap the prototype's meanwhile).
    type Query = (this: unknown, ...args: unknown[]) => unknown;
    const query = (...args: unknown[]) =>
      (Object.getPrototypeOf(client) as { query: Query }).query.apply(client, args);
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name = typeof text === 'string' ? PREPARED.exec(text)?.[1] : undefined;
      return name === undefined ? query(...args) : query({ name, text, values });
    };
  });
}

function wrap(pool: pg.Pool, engine: Engine, after: () => Promise<void>): Database {
  preparing(pool);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
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
}
