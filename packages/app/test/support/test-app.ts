/**
 * The app in-process for integration tests: a real database (see test-database.ts), requests
 * through Fastify's inject (no network), and clean-up after the file.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Builds the app on a fresh database. `configure` may add routes before the app is ready. */
export async function createTestApp(configure?: (app: FastifyInstance) => void): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    databaseUrl: database.location.databaseUrl,
    // Its own settings key (TOTP secrets and credentials are sealed with it), never a key file
    // shared with other test files.
    secretsKey: randomBytes(32).toString('hex'),
  };
  const app = await buildApp({ config, database });
  configure?.(app);
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
