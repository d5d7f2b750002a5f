import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MigrationError, readMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('migrations', () => {
  it('have been applied in full to the test database, with checksums', async () => {
    const files = readMigrations();
    const rows = await database.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
  });

  it('load the extensions search and linkage need, on this engine', async () => {
    const r = await sql<{ s: number; d: string; h: string }>`
      select similarity('Jayden', 'Jaden') as s, dmetaphone('Oyelaran') as d, encode(digest('x', 'sha256'), 'hex') as h`.execute(
      database.db,
    );
    expect(r.rows[0]!.s).toBeGreaterThan(0.3);
    expect(r.rows[0]!.d).toBe('ALRN');
    expect(r.rows[0]!.h).toHaveLength(64);
  });

  it('apply nothing twice', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });

  it('refuse to start when an applied migration was edited', async () => {
    const files = readMigrations();
    const edited = files.map((f, i) => (i === 0 ? { ...f, checksum: 'changed' } : f));
    await expect(migrate(database.db, edited)).rejects.toThrow(MigrationError);
    await expect(migrate(database.db, edited)).rejects.toThrow(/has changed since it was applied/);
  });

  it('apply a new migration, and roll back all of a failing one', async () => {
    const files = readMigrations();
    const next = (files.at(-1)?.version ?? 0) + 1;
    const good = {
      version: next,
      name: `${next}-good.sql`,
      sql: 'create table probe_good (id int);',
      checksum: 'g',
    };
    expect(await migrate(database.db, [...files, good])).toEqual([good.name]);
    const bad = {
      version: next + 1,
      name: 'bad.sql',
      sql: 'create table probe_bad (id int); select no_such_function();',
      checksum: 'b',
    };
    await expect(migrate(database.db, [...files, good, bad])).rejects.toThrow();
    const t = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_tables where tablename = 'probe_bad'`.execute(database.db);
    expect(t.rows[0]!.n).toBe(0);
  });

  it('must be numbered in sequence, each number once (a reserved number may be missing), and named in kebab case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waypoint-mig-'));
    writeFileSync(join(dir, '0001-first.sql'), 'select 1;');
    writeFileSync(join(dir, '0003-gap.sql'), 'select 1;');
    expect(readMigrations(dir).map((f) => f.version)).toEqual([1, 3]);
    writeFileSync(join(dir, '0003-again.sql'), 'select 1;');
    expect(() => readMigrations(dir)).toThrow(/out of sequence: its number 0003 is used twice/);
    const dir2 = mkdtempSync(join(tmpdir(), 'waypoint-mig-'));
    writeFileSync(join(dir2, '0001_Bad Name.sql'), 'select 1;');
    expect(() => readMigrations(dir2)).toThrow(/NNNN-kebab-case/);
  });
});
