/** The home page: sign in when signed out; when signed in, what the person may do, by capability. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());

const home = async (user?: (typeof w.users)[keyof typeof w.users]) => {
  const headers = user === undefined ? {} : { cookie: await sessionCookie(t.database.db, user) };
  const res = await t.app.inject({ url: '/', headers });
  expect(res.statusCode).toBe(200);
  const links = [
    ...(/data-testid="home-links">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '').matchAll(/href="([^"]+)"/g),
  ].map((m) => m[1]);
  return { body: res.body, links };
};

describe('the home page', () => {
  it('asks a visitor to sign in', async () => {
    const { body, links } = await home();
    expect(body).toContain('Sign in to see your caseload');
    expect(body).toContain('href="/sign-in"');
    expect(links).toEqual([]);
  });

  it('offers a social worker their caseload, search and adding a person, not the sign-in button', async () => {
    const { body, links } = await home(w.users.workerA);
    expect(body).not.toContain('Sign in to see your caseload');
    expect(body).not.toContain('href="/sign-in"');
    expect(body).toContain('Signed in as Ada Worker');
    expect(links).toEqual(['/caseload', '/search', '/people/new', '/notifications', '/account']);
  });

  it('offers a manager their teams, a police officer their own children and search, an administrator the admin pages', async () => {
    expect((await home(w.users.managerA)).links).toEqual([
      '/caseload',
      '/manager',
      '/returns',
      '/search',
      '/people/new',
      '/notifications',
      '/transfers',
      '/account',
    ]);
    expect((await home(w.users.partner)).links).toEqual([
      '/involvements',
      '/search',
      '/notifications',
      '/account',
    ]);
    expect((await home(w.users.admin)).links).toEqual([
      '/notifications',
      '/admin/users',
      '/admin/teams',
      '/admin/jobs',
      '/admin/settings',
      '/account',
    ]);
  });
});
