/**
 * Starting up: the PGlite template a first start copies (db/pglite-template.ts), readiness while
 * the demo borough is generated in the background (GET /health/ready, the home page's banner),
 * and a demo generation stopped part-way that the next run finishes with the same data.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { today } from '../../src/http/forms/dates.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import {
  copyTemplateInto,
  isUninitialised,
  templateIsCurrent,
  writeTemplate,
} from '../../src/db/pglite-template.ts';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { DemoStatus } from '../../src/seed/generate/demo-borough.ts';
import { generateFictionalLas } from '../../src/seed/generate/index.ts';
import { createTestDatabase } from '../support/test-database.ts';

const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `waypoint-${name}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the PGlite template', () => {
  it('is made once, copied into a never-initialised directory, and then nothing is left to migrate', async () => {
    const cache = tmp('cache');
    const migrations = readMigrations();
    expect(templateIsCurrent(migrations, cache)).toBe(false);
    await writeTemplate(
      migrations,
      async (dataDir) => {
        const d = await openDatabase({ databaseUrl: undefined, dataDir });
        await migrate(d.db, migrations);
        await d.close();
      },
      cache,
    );
    expect(templateIsCurrent(migrations, cache)).toBe(true);

    const dataDir = join(tmp('data'), 'fresh');
    expect(isUninitialised(dataDir)).toBe(true);
    expect(copyTemplateInto(dataDir, migrations, cache)).toBe(true);
    expect(readdirSync(dataDir)).toContain('PG_VERSION');
    const d = await openDatabase({ databaseUrl: undefined, dataDir });
    expect(await migrate(d.db)).toEqual([]);
    await d.close();
    // An initialised directory is never overwritten.
    expect(copyTemplateInto(dataDir, migrations, cache)).toBe(false);
  });

  it('is not used when a migration it holds has changed, and serves when migrations were added', async () => {
    const cache = tmp('cache');
    const migrations = readMigrations();
    const older = migrations.slice(0, -1);
    await writeTemplate(
      older,
      async (dataDir) => {
        const d = await openDatabase({ databaseUrl: undefined, dataDir });
        await migrate(d.db, older);
        await d.close();
      },
      cache,
    );
    expect(templateIsCurrent(migrations, cache)).toBe(false);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    expect(copyTemplateInto(join(tmp('data'), 'a'), edited, cache)).toBe(false);
    const dataDir = join(tmp('data'), 'b');
    expect(copyTemplateInto(dataDir, migrations, cache)).toBe(true);
    const d = await openDatabase({ databaseUrl: undefined, dataDir });
    expect(await migrate(d.db)).toEqual([migrations.at(-1)!.name]);
    await d.close();
    expect(existsSync(join(dataDir, 'waypoint.lock'))).toBe(false);
  });
});

describe('readiness while the demo is generated in the background', () => {
  it('answers 503 with the progress and shows a banner until the demo is ready, then 200', async () => {
    const database = await createTestDatabase();
    const demo = new DemoStatus(315);
    demo.children = 63;
    const config = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      databaseUrl: database.location.databaseUrl,
    };
    const app = await buildApp({ config, database, demo });
    try {
      const notYet = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(notYet.statusCode).toBe(503);
      expect(notYet.json()).toMatchObject({ status: 'generating-demo', demo: { children: 63, total: 315 } });
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const home = await app.inject({ method: 'GET', url: '/' });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('govuk-notification-banner');
      expect(home.body).toContain('The demo borough is being generated: 63 of 315 fictional children (20%).');

      demo.state = 'failed';
      expect((await app.inject({ method: 'GET', url: '/health/ready' })).json()).toMatchObject({
        status: 'demo-failed',
      });
      expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('could not be generated');

      demo.state = 'ready';
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/' })).body).not.toContain('govuk-notification-banner');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('demo generation stopped part-way', () => {
  const count = async (db: Awaited<ReturnType<typeof createTestDatabase>>['db']) =>
    (
      await db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('carries on at the next run and ends with the same people as a run never stopped', async () => {
    const options = { children: 24, neighbourChildren: 5, seed: 3, today: today() };
    const whole = await createTestDatabase();
    const stopped = await createTestDatabase();
    try {
      await seedDemoAccounts(whole.db);
      await generateFictionalLas(whole.db, options);

      await seedDemoAccounts(stopped.db);
      const stop = new AbortController();
      let families = 0;
      await expect(
        generateFictionalLas(stopped.db, {
          ...options,
          signal: stop.signal,
          onProgress: () => {
            if (++families === 1) stop.abort();
          },
        }),
      ).rejects.toThrow();
      const part = await count(stopped.db);
      expect(part).toBeLessThan(await count(whole.db));

      const resumed = await generateFictionalLas(stopped.db, options);
      expect(resumed.some((r) => !r.skipped)).toBe(true);
      expect(await count(stopped.db)).toBe(await count(whole.db));
      const ids = async (db: typeof whole.db) =>
        (await db.selectFrom('people').select('id').orderBy('id').execute()).map((r) => r.id);
      expect(await ids(stopped.db)).toEqual(await ids(whole.db));

      // Complete: a further run writes nothing.
      const again = await generateFictionalLas(stopped.db, options);
      expect(again.every((r) => r.skipped)).toBe(true);
      expect(await count(stopped.db)).toBe(await count(whole.db));
    } finally {
      await whole.close();
      await stopped.close();
    }
  });
});
