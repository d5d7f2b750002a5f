/**
 * `Cache-Control: no-store` on every response to a signed-in person (one hook for them all), page
 * and API, success or not; static files stay cacheable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());

async function pageAs(user: BuiltUser, url: string) {
  return t.app.inject({ url, headers: { cookie: await sessionCookie(t.database.db, user) } });
}

describe('no-store', () => {
  it('is on every page with personal data, and on their errors', async () => {
    const child = w.children.child1;
    const asWorker = [
      `/children/${child}`,
      `/children/${child}/chronology`,
      `/children/${child}/details`,
      `/children/${child}/family`,
      `/children/${child}/visits/new`,
      `/children/${child}/record/note`,
      '/search?name=Okafor',
      '/caseload',
      '/notifications',
      '/account',
      '/account/tokens',
      '/people/new',
      '/',
      `/children/${w.children.childLa2}`, // not found
      '/no-such-page',
    ];
    for (const url of asWorker) {
      const res = await pageAs(w.users.workerA, url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['cache-control'], `${url} (${res.statusCode})`).toBe('no-store');
    }
    for (const url of [`/children/${child}/viewers`, '/manager', `/children/${child}/audit-export.csv`]) {
      const res = await pageAs(w.users.managerA, url);
      expect(res.headers['cache-control'], `${url} (${res.statusCode})`).toBe('no-store');
    }
    for (const url of ['/admin/users', '/admin/teams', '/admin/jobs']) {
      const res = await pageAs(w.users.admin, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('is on every API answer to a token', async () => {
    const authorization = await bearer(t.database.db, w.users.workerA, ['children:read']);
    for (const url of [
      `/api/v1/children/${w.children.child1}`,
      `/api/v1/children/${w.children.child1}/journey`,
      '/api/v1/children?name=Okafor',
      '/api/v1/me/caseload',
      '/api/v1/me',
      `/api/v1/children/${w.children.childLa2}`,
    ]) {
      const res = await t.app.inject({ url, headers: { authorization } });
      expect(res.headers['cache-control'], `${url} (${res.statusCode})`).toBe('no-store');
    }
  });

  it('leaves static files cacheable', async () => {
    const res = await pageAs(w.users.workerA, '/static/app/application.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).not.toBe('no-store');
  });
});
