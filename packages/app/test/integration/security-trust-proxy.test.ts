/**
 * TRUST_PROXY as a number of hops or a list of proxy addresses: a forged X-Forwarded-For (the
 * probe: a new leftmost address on every attempt) neither escapes the sign-in rate limit nor is
 * written into the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildLocalAuthority, buildUser, type BuiltLa } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { givePassword, GOOD_PASSWORD, TestBrowser } from './auth-browser.ts';

let database: TestDatabase;
let la: BuiltLa;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  la = await buildLocalAuthority(database.db, '812');
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database.close();
});

async function appTrusting(trustProxy: string): Promise<FastifyInstance> {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TRUST_PROXY: trustProxy }),
    databaseUrl: database.location.databaseUrl,
  };
  const app = await buildApp({ config, database });
  await app.ready();
  apps.push(app);
  return app;
}

/** A sign-in attempt arriving through the load balancer at `proxy`, for the client `client`. */
async function attempt(app: FastifyInstance, b: TestBrowser, proxy: string, xff: string, email: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: proxy,
    headers: {
      cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': xff,
    },
    payload: new URLSearchParams({ _csrf: b.csrf, email, password: 'not the password at all' }).toString(),
  });
  return res.statusCode;
}

describe.each([
  ['1', '10.20.0.1'],
  ['10.20.0.0/16', '10.20.0.2'],
])('TRUST_PROXY=%s', (trustProxy, proxy) => {
  it('keeps the rate limit on the real client address whatever X-Forwarded-For says', async () => {
    const app = await appTrusting(trustProxy);
    const b = new TestBrowser(app, proxy);
    await b.get('/sign-in');
    const client = `203.0.113.${trustProxy === '1' ? 10 : 11}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(await attempt(app, b, proxy, `198.51.100.${i}, ${client}`, `x${i}@example.test`));
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another real client through the same proxy is not affected.
    expect(await attempt(app, b, proxy, '203.0.113.99', 'y@example.test')).toBe(401);
  });

  it('writes the real client address into the audit, not the forged one', async () => {
    const app = await appTrusting(trustProxy);
    const user = await buildUser(database.db, la, ['system_administrator']);
    await givePassword(database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(app, proxy);
    await b.get('/sign-in');
    expect(await attempt(app, b, proxy, '198.51.100.77, 203.0.113.20', user.email)).toBe(401);
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['action', 'ip'])
      .where('record_id', '=', user.id)
      .execute();
    expect(rows).toEqual([{ action: 'auth.sign_in', ip: '203.0.113.20' }]);
  });
});

describe('a client that is not a trusted proxy', () => {
  it('cannot choose its address with X-Forwarded-For', async () => {
    const app = await appTrusting('10.20.0.0/16');
    const direct = '192.0.2.50';
    const b = new TestBrowser(app, direct);
    await b.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(await attempt(app, b, direct, `198.51.100.${i}`, `z${i}@example.test`));
    expect(statuses[30]).toBe(429);
  });
});
