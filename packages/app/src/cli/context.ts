/**
 * Shared start-up for commands: configuration and database, with clear messages for the errors a
 * person can fix (bad configuration, a data directory in use) instead of stack traces.
 */
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import type { Database } from '../db/database.ts';

/** Prints a one-line (or few-line) message and exits 1 for errors a person can act on. */
export function exitOnKnownError(err: unknown): never {
  // MigrationError and the index's IndexDirInUseError by name: importing their modules here would
  // load Kysely (and the index) for every command's --help.
  const byName =
    err instanceof Error &&
    ['MigrationError', 'IndexDirInUseError', 'KeyMismatchError', 'BackupError'].includes(err.name);
  if (err instanceof ConfigError || err instanceof DataDirInUseError || byName) {
    process.stderr.write(`waypoint: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

export async function openFromEnv(): Promise<{ config: Config; database: Database }> {
  try {
    const config = loadConfig();
    // Imported here, not at the top: a command's --help should not load PGlite and node-postgres.
    const { openDatabase } = await import('../db/database.ts');
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      fromTemplate: true,
    });
    return { config, database };
  } catch (err) {
    return exitOnKnownError(err);
  }
}

/** Where the data lives, for messages: never prints a password from DATABASE_URL. */
export function describeDatabase(config: Config): string {
  if (config.databaseUrl === undefined) return `PGlite (embedded) in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
