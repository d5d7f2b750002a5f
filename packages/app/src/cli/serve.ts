/**
 * `waypoint serve` (what `npm start` runs): migrate, seed the demo accounts, listen, then generate
 * the demo borough in the background on first start (GET /health/ready answers 503 until it is
 * done; the home page shows its progress), run the job queue's worker, and shut down cleanly on
 * SIGINT/SIGTERM: stop the demo generation between families, stop accepting requests, finish
 * those in flight and the running jobs, then close the involvement index and the database (PGlite
 * must be closed to keep its data directory consistent). The involvement index opens once the app
 * listens, before the worker starts (in-process on its own PGlite in <data dir>/index/, or over
 * HTTP: involvement/open-index.ts); until then a look-up says the index cannot be reached.
 */
import { buildApp } from '../app.ts';
import { sealStoredSecrets } from '../auth/sealed-secrets.ts';
import { migrate } from '../db/migrate.ts';
import '../jobs/definitions.ts';
import { startWorker, type Worker } from '../jobs/worker.ts';
import { demoAccountsTable, seedDemoAccounts } from '../seed/demo-accounts.ts';
import { seedDemoChildren } from '../seed/demo-children.ts';
import { seedDemoInvolvements } from '../seed/demo-involvements.ts';
import { enqueuePublishAll } from '../involvement/publish-all.ts';
import { inTenant } from '../db/tenant.ts';
import { DEMO_LAS } from '../seed/demo-accounts.ts';
import { seedDemoInsight } from '../seed/demo-insight.ts';
import { seedDemoPastInspection } from '../seed/demo-inspection.ts';
import { seedDemoReviews } from '../seed/demo-reviews.ts';
import { seedDemoDisposal } from '../seed/demo-disposal.ts';
import { seedDemoSubjectAccess } from '../seed/demo-subject-access.ts';
import { deriveDemoBorough, seedDemoCpis } from '../seed/demo-cpis.ts';
import { demoStatus, generateDemoBorough, type DemoStatus } from '../seed/generate/demo-borough.ts';
import { ANALYZE_EVERY_MS, refreshStatistics } from '../db/statistics.ts';
import { openInvolvementIndex, type OpenedInvolvementIndex } from '../involvement/open-index.ts';
import { checkInstallationKeys, checkSettingsKey } from '../backup/installation-keys.ts';
import { describeDatabase, exitOnKnownError, openFromEnv } from './context.ts';

export async function serveCommand(): Promise<void> {
  const { config, database } = await openFromEnv();
  try {
    await migrate(database.db);
    // A missing or different linkage or settings key stops the start (one line), before anything is made.
    await checkInstallationKeys(database.db, config);
  } catch (err) {
    await database.close();
    exitOnKnownError(err);
  }
  let index: OpenedInvolvementIndex | null = null;
  const isDemo = config.seedOnStart && config.env !== 'production';
  let demo: DemoStatus | undefined;
  if (isDemo) {
    // The accounts and the named demo children first, so signing in works from the first page.
    const seeded = await seedDemoAccounts(database.db);
    await seedDemoChildren(database.db, seeded);
    await seedDemoCpis(database.db, seeded);
    await seedDemoInvolvements(database.db, seeded);
    await seedDemoInsight(database.db, seeded);
    await seedDemoPastInspection(database.db, seeded);
    await seedDemoReviews(database.db, seeded);
    await seedDemoDisposal(database.db, seeded);
    await seedDemoSubjectAccess(database.db, seeded);
    demo = demoStatus();
  }
  // TOTP and single sign-on client secrets stored in plaintext (before sealing, or put in by hand)
  // sealed, and the settings key's fingerprint recorded once anything is sealed with it.
  await sealStoredSecrets(database.db, config);
  await checkSettingsKey(database.db, config);
  const app = await buildApp({ config, database, ...(demo === undefined ? {} : { demo }) });
  const stopDemo = new AbortController();
  let generating: Promise<unknown> = Promise.resolve();

  let worker: Worker | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`waypoint: ${signal} again, exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    stopDemo.abort();
    void generating
      .then(() => app.close())
      .then(() => worker?.stop())
      .then(() => index?.close())
      .then(() => database.close())
      .then(() => {
        process.stdout.write('Waypoint stopped cleanly.\n');
        process.exit(0);
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await database.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`waypoint: port ${config.port} is already in use. Set PORT to another port.\n`);
      process.exit(1);
    }
    throw err;
  }
  // The index opens once the app listens (the first page does not wait for it); publishing and
  // look-ups wait for it, since the worker and the demo's generation start after it.
  try {
    index = await openInvolvementIndex(config, database.db);
  } catch (err) {
    await app.close();
    await database.close();
    // Another process holds the index's PGlite directory (`waypoint jobs run`, a second serve): one line.
    exitOnKnownError(err);
  }
  // PGlite has no autovacuum: fresh planner statistics before the demo says ready (or at start
  // without one), then every 6 hours.
  const analyze = () =>
    refreshStatistics(database.db).catch((err: unknown) => {
      if (!stopping) app.log.warn({ err }, 'ANALYZE failed');
    });
  const pglite = database.engine === 'pglite';
  if (demo !== undefined) {
    generating = generateDemoBorough(database.db, demo, {
      signal: stopDemo.signal,
      ...(pglite ? { beforeReady: analyze } : {}),
    })
      // CP-IS: the generated children's flags, by the daily derivation run once now; the
      // involvement index: the LAs' services derived from the generated journeys and every
      // involvement published, by a job per LA (once).
      .then(async (status) => {
        // Once, when this start generated the borough (a restart leaves the daily derivation and
        // the published involvements as they are, and its first page does not wait behind them).
        if (status.state !== 'ready' || !status.generatedNow) return;
        await deriveDemoBorough(database.db);
        for (const la of DEMO_LAS)
          await inTenant(database.db, la.laCode, (tx) => enqueuePublishAll(tx, 'demo-generated'));
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'the demo borough could not be generated');
      });
  } else if (pglite) generating = generating.then(analyze);
  if (pglite) {
    setInterval(() => {
      if (!stopping) void analyze();
    }, ANALYZE_EVERY_MS).unref();
  }
  if (config.jobsInProcess) {
    // Jobs enqueued by requests run here after their transaction commits (decision 0005).
    worker = startWorker(database.db, { log: app.log, exclusive: database.engine === 'pglite' });
  }
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(config.host)
    ? 'localhost'
    : config.host;
  process.stdout.write(
    [
      '',
      `  Waypoint is running at http://${shownHost}:${(app.server.address() as { port: number }).port}`,
      `  Database: ${describeDatabase(config)}`,
      `  Involvement index: ${index === null ? 'not installed (publishing waits, look-ups say it cannot be reached)' : index.where}`,
      '  Press Ctrl+C to stop.',
      '',
      ...(isDemo ? [demoAccountsTable(), ''] : []),
    ].join('\n') + '\n',
  );
}
