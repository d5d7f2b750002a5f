/**
 * Runs once before the app's tests: builds a migrated template database, so each test file can
 * start from a fresh copy in about a second instead of running initdb and every migration.
 * PGlite: a template data directory. PostgreSQL (DATABASE_URL set): the DATABASE_URL database is
 * migrated and used as a CREATE DATABASE … TEMPLATE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDataDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const databaseUrl = process.env.DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-template-'));
  const database = await openDatabase({ databaseUrl, dataDir: dir, poolSize: 1 });
  await migrate(database.db);
  await database.close();
  project.provide('templateDataDir', dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
