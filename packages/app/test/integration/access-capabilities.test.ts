/**
 * The role → capability table at work: administrators cannot give an account roles that must not
 * combine, nor put a partner organisation's staff in a council team; the police are not offered
 * "Add a person" and, asking anyway, get a page that says why (not a bare 403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let w: AccessWorld;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());

async function as(user: AccessWorld['users'][keyof AccessWorld['users']]): Promise<TestBrowser> {
  const b = new TestBrowser(t.app, `10.4.0.${++n}`);
  b.cookies.set(...((await sessionCookie(t.database.db, user)).split('=') as [string, string]));
  return b;
}
const usersNamed = (name: string) =>
  t.database.db.selectFrom('users').select('id').where('name', '=', name).execute();

describe('the administrator', () => {
  it('cannot give an inspector the system administrator role, and the message names both', async () => {
    const b = await as(w.users.admin);
    await b.get('/admin/users/new');
    const regulator = await buildOrganisation(t.database.db, '901', 'regulator', 'Fictional Inspectorate');
    const res = await b.post('/admin/users', {
      name: 'Ivy Both-Roles',
      email: 'ivy.both@inspectorate.example',
      organisationId: regulator,
      roles: ['inspector', 'system_administrator'],
      teamId: '',
      'accessEnds-day': '1',
      'accessEnds-month': '6',
      'accessEnds-year': String(new Date().getFullYear() + 1),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(
      /Inspector cannot be combined with council roles such as System administrator|System administrator cannot be combined with inspectorate roles such as Inspector/,
    );
    expect(await usersNamed('Ivy Both-Roles')).toHaveLength(0);
  });

  it("cannot put a partner organisation's staff in a council team", async () => {
    const b = await as(w.users.admin);
    await b.get('/admin/users/new');
    const res = await b.post('/admin/users', {
      name: 'Pip Police',
      email: 'pip.police@constabulary.example',
      organisationId: w.police,
      roles: 'partner_practitioner',
      teamId: w.teams.teamA,
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('staff of a partner organisation cannot join a council&#39;s team');
    expect(await usersNamed('Pip Police')).toHaveLength(0);
  });
});

describe('adding a person', () => {
  it('is offered to a social worker, and not to the police, who get a page saying why', async () => {
    const worker = await as(w.users.workerA);
    expect((await worker.get('/caseload')).body).toContain('href="/people/new"');
    expect((await worker.get('/search?name=Nobody+Here')).body).toContain('href="/people/new"');

    const police = await as(w.users.partner);
    const search = await police.get('/search?name=Nobody+Here');
    expect(search.status).toBe(200);
    expect(search.body).not.toContain('href="/people/new"');
    const asked = await police.get('/people/new');
    await police.get('/account'); // a page with a form, for the CSRF token
    for (const res of [asked, await police.post('/people/new', { kind: 'child' })]) {
      expect(res.body.match(/<title>[^<]*/)?.[0]).toBe(
        '<title>You cannot add people to the record – Waypoint',
      );
      expect(res.status).toBe(403);
      expect(res.body).toContain('<h1 class="govuk-heading-l">You cannot add people to the record</h1>');
      expect(res.body).toContain('Your role (Partner practitioner) does not include adding');
      expect(res.body).toContain('href="/search"');
    }
  });

  it('answers the API with 403 forbidden, as before', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/children',
      headers: {
        cookie: await sessionCookie(t.database.db, w.users.partner),
        'content-type': 'application/json',
      },
      payload: { person: { kind: 'child', givenName: 'A', familyName: 'B', dateOfBirth: '2019-01-01' } },
    });
    expect([403, 401]).toContain(res.statusCode);
  });
});
