/**
 * Page defects the form kit fixes: "Error:" in every error page's title, banners whose words the
 * URL cannot choose, named errors instead of 500s, and the date rules for people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();
const get = async (url: string, user = w.users.workerA) =>
  t.app.inject({ url, headers: { cookie: await sessionCookie(db(), user) } });

describe('error pages say "Error:" in their title', () => {
  it('add a person, allocate and break glass', async () => {
    const worker = await sessionCookie(db(), w.users.workerA);
    const person = await submitForm(t.app, '/people/new', worker, { kind: 'child', givenName: '' });
    expect(person.statusCode).toBe(400);
    expect(title(person.body)).toBe('Error: Add a person – Waypoint');

    const manager = await sessionCookie(db(), w.users.managerA);
    const child = w.children.child1;
    const allocate = await submitForm(t.app, `/children/${child}/allocate`, manager, {
      teamId: '',
      reason: '',
    });
    expect(allocate.statusCode).toBe(400);
    expect(title(allocate.body)).toMatch(/^Error: Allocate: /);

    const other = await sessionCookie(db(), w.users.workerB);
    const glass = await submitForm(t.app, `/children/${child}/break-glass`, other, { reason: 'short' });
    expect(glass.statusCode).toBe(400);
    expect(title(glass.body)).toBe('Error: Request emergency access – Waypoint');
    expect(glass.body).toContain('<a href="#reason">');
  });
});

describe('the success banner', () => {
  it('takes its words from a closed list, never from the URL', async () => {
    const child = w.children.child1;
    const forged = await get(
      `/children/${child}?recorded=${encodeURIComponent('Your account is suspended: call 0800 000')}`,
    );
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toContain('Your account is suspended');
    expect(forged.body).not.toContain('govuk-notification-banner--success');
    const visit = await get(`/children/${child}?recorded=visit`);
    expect(visit.body).toContain('Visit recorded');
    const note = await get(`/children/${child}?recorded=note`);
    expect(note.body).toContain('Saved: Add a case note');
  });
});

describe('dates people are asked for', () => {
  it('/search?dob=2019-02-31 names the problem instead of failing', async () => {
    const res = await get('/search?dob=2019-02-31');
    expect(res.statusCode).toBe(400);
    expect(title(res.body)).toBe('Error: Find a child – Waypoint');
    expect(res.body).toContain('<a href="#dob">Date of birth must be a real date</a>');
    const api = await t.app.inject({
      url: '/api/v1/children?dob=2019-02-31',
      headers: { authorization: await bearer(db(), w.users.workerA) },
    });
    expect(api.statusCode).toBe(400);
  });

  it('refuses a child born in 1900 and an unborn child expected in the past', async () => {
    const auth = { authorization: await bearer(db(), w.users.workerA) };
    const create = (person: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/children', headers: auth, payload: { person } });
    const old = await create({
      kind: 'child',
      givenName: 'Old',
      familyName: 'Child',
      dateOfBirth: '1900-01-01',
    });
    expect(old.statusCode).toBe(400);
    expect(old.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields).toEqual([
      {
        field: 'person.dateOfBirth',
        message:
          'A child’s date of birth must be within the last 26 years. For someone older, choose “An adult”',
      },
    ]);
    const unborn = await create({
      kind: 'unborn',
      givenName: 'Baby',
      familyName: 'Due',
      expectedDateOfBirth: '2020-01-01',
    });
    expect(unborn.statusCode).toBe(400);
    expect(unborn.json<{ error: { fields: { message: string }[] } }>().error.fields[0]?.message).toBe(
      'Expected date of birth must be today or in the future',
    );
    const worker = await sessionCookie(db(), w.users.workerA);
    const page = await submitForm(t.app, '/people/new', worker, {
      kind: 'child',
      givenName: 'Old',
      familyName: 'Child',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '1800',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(
      '<a href="#dateOfBirth-day">Date of birth must be on or after 1 January 1900</a>',
    );
    expect(await db().selectFrom('people').select('id').where('given_name', '=', 'Old').execute()).toEqual(
      [],
    );
  });
});
