/**
 * A fresh, migrated database for one test file, on the engine under test: a copy of the template
 * PGlite directory, or a new PostgreSQL database made from the migrated DATABASE_URL database.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';

export interface TestDatabase extends Database {
  /** Where the data lives (PGlite directory or PostgreSQL URL), for tests that spawn the CLI. */
  location: { dataDir: string; databaseUrl: string | undefined };
  /** Closes connections but keeps the data, so another process can open it (PGlite: one at a time). */
  release(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = process.env.DATABASE_URL;
  if (templateUrl === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'waypoint-test-'));
    cpSync(inject('templateDataDir'), dir, { recursive: true });
    const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    return {
      ...database,
      location: { dataDir: dir, databaseUrl: undefined },
      release: () => database.close(),
      close: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const template = new URL(templateUrl);
  const name = `${template.pathname.slice(1)}_${process.pid}_${++counter}`;
  const admin = new URL(templateUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  await client.end();
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 10 });
  return {
    ...database,
    location: { dataDir: '', databaseUrl: url.toString() },
    release: () => database.close(),
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
