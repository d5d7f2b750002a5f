/**
 * `waypoint prepare` (hidden; the root `prepare` script runs it after `npm install`): makes the
 * PGlite template that a first start copies instead of running initdb and every migration
 * (db/pglite-template.ts). Does nothing when the template already matches the migrations.
 */
import { openDatabase } from '../db/database.ts';
import { migrate, readMigrations } from '../db/migrate.ts';
import { templateIsCurrent, writeTemplate } from '../db/pglite-template.ts';

export async function prepareCommand(): Promise<void> {
  const migrations = readMigrations();
  if (templateIsCurrent(migrations)) return;
  const started = performance.now();
  const dir = await writeTemplate(migrations, async (dataDir) => {
    const database = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      await migrate(database.db, migrations);
    } finally {
      await database.close();
    }
  });
  process.stdout.write(
    `waypoint prepare: PGlite template with ${migrations.length} migrations in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}
