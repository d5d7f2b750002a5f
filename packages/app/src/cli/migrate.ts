import { migrate } from '../db/migrate.ts';
import { describeDatabase, exitOnKnownError, openFromEnv } from './context.ts';

/** `waypoint migrate`: applies pending migrations and reports what it did. */
export async function migrateCommand(): Promise<void> {
  const { config, database } = await openFromEnv();
  try {
    const applied = await migrate(database.db);
    process.stdout.write(
      applied.length === 0
        ? `Database is up to date (${describeDatabase(config)}).\n`
        : `Applied ${applied.length} migration(s) to ${describeDatabase(config)}:\n${applied.map((n) => `  ${n}\n`).join('')}`,
    );
  } catch (err) {
    await database.close();
    exitOnKnownError(err);
  }
  await database.close();
}
