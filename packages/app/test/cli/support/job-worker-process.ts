/**
 * A worker process for the restart test: the app's real worker on the database named by
 * DATABASE_URL or WAYPOINT_DATA_DIR, with the app's jobs and one test job, `test.slow`, whose first
 * attempt never finishes (so the test can kill the process while it runs) and whose later attempts
 * finish at once. Prints "started N" and "finished N" lines for the test to wait on.
 */
import { z } from 'zod';
import { openDatabase } from '../../../src/db/database.ts';
import '../../../src/jobs/definitions.ts';
import { registerJob } from '../../../src/jobs/registry.ts';
import { startWorker } from '../../../src/jobs/worker.ts';

registerJob(
  'test.slow',
  z.object({ label: z.string() }),
  async (_payload, ctx) => {
    process.stdout.write(`started ${ctx.attempt}\n`);
    if (ctx.attempt === 1) await new Promise(() => {}); // held until the process is killed
    process.stdout.write(`finished ${ctx.attempt}\n`);
  },
  { timeoutSeconds: 1 },
);

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.WAYPOINT_DATA_DIR ?? '',
});
const worker = startWorker(database.db, { pollMs: 100, exclusive: database.engine === 'pglite' });
process.stdout.write('worker ready\n');
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
