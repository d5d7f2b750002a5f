/**
 * One set of date rules for every form and API input, with the probes' inputs: events dated 1800,
 * 1900, in year 26 or before the child's birth are refused on every API route that takes a date
 * (each journey step, the visit alias, editing a note), as are a child born in 1900 and an unborn
 * child expected in the past; `/search?dob=2019-02-31` is the search page with the GOV.UK error.
 */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEventDate } from '../../src/http/forms/dates.ts';
import { steps } from '../../src/journey/steps/index.ts';
import { bearer, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let auth: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  auth = await bearer(t.database.db, w.users.workerA);
});
afterAll(async () => t.close());
const db = () => t.database.db;

type ErrorJson = { error: { id: string; fields?: { field: string; message: string }[] } };
const post = async (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { authorization: auth }, payload: payload as object });
const messageFor = (res: Awaited<ReturnType<typeof post>>, field: string) =>
  res.json<ErrorJson>().error.fields?.find((f) => f.field === field)?.message;

/** The keys of a step's schema that are event dates. */
function eventDateKeys(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, s]) => isEventDate(s))
    .map(([k]) => k);
}

const implausible = [
  ['1800-01-01', /must be on or after 1 January 2000/],
  ['1900-06-01', /must be on or after 1 January 2000/],
  ['26-01-05', /must include a year with 4 numbers/],
  ['0026-01-05', /must be on or after 1 January 2000/],
  ['2019-02-31', /must be a real date/],
] as const;

describe('every journey step on the API', () => {
  const withDates = steps.filter((s) => eventDateKeys(s.schema).length > 0);
  it('has event dates to check', () => {
    expect(withDates.length).toBeGreaterThan(15);
  });

  it.each(withDates.map((s) => [s.kind, s] as const))(
    '%s refuses implausible dates, naming the field',
    async (_kind, step) => {
      for (const key of eventDateKeys(step.schema)) {
        for (const [date, message] of implausible) {
          const res = await post(`/api/v1/children/${w.children.child1}/journey/${step.kind}`, {
            [key]: date,
          });
          expect(res.statusCode, `${step.kind}.${key} ${date}`).toBe(400);
          expect(messageFor(res, key), `${step.kind}.${key} ${date}`).toMatch(message);
        }
      }
    },
  );
});

describe('dates before the child’s birth (Jayden, born 1 June 2015)', () => {
  const before = 'must be on or after Jayden’s date of birth, 1 June 2015';
  it('are refused for a visit, on the step and its alias', async () => {
    for (const url of ['journey/visit', 'visits']) {
      const res = await post(`/api/v1/children/${w.children.child1}/${url}`, {
        date: '2010-03-04',
        seen: 'seen',
        summary: 'Fictional.',
      });
      expect(res.statusCode).toBe(400);
      expect(messageFor(res, 'date')).toMatch(before);
    }
  });

  it('are refused for a note, when it is recorded and when it is edited', async () => {
    const created = await post(`/api/v1/children/${w.children.child1}/journey/note`, {
      notedOn: '2010-03-04',
      title: 'A note',
      body: 'Fictional.',
    });
    expect(created.statusCode).toBe(400);
    expect(messageFor(created, 'notedOn')).toMatch(before);
    const ok = await post(`/api/v1/children/${w.children.child1}/journey/note`, {
      notedOn: '2026-01-05',
      title: 'A note',
      body: 'Fictional.',
    });
    expect(ok.statusCode).toBe(201);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${w.children.child1}/notes/${ok.json<{ id: string }>().id}`,
      headers: { authorization: auth },
      payload: { notedOn: '2010-03-04', title: 'A note', body: 'Fictional.', version: 1 },
    });
    expect(edit.statusCode).toBe(400);
    expect(messageFor(edit, 'notedOn')).toMatch(before);
  });

  it('are refused for a contact', async () => {
    const res = await post(`/api/v1/children/${w.children.child1}/journey/contact`, {
      receivedOn: '2010-03-04',
      source: '2A',
      worries: 'Fictional.',
    });
    expect(res.statusCode).toBe(400);
    expect(messageFor(res, 'receivedOn')).toMatch(/must be on or after/);
  });
});

describe('people on the API', () => {
  const child = (person: Record<string, unknown>) =>
    post('/api/v1/children', {
      person: { givenName: 'Test', familyName: 'Person', ...person },
      confirmNoDuplicate: true,
    });

  it.each([
    ['1900-01-01', /A child’s record is for someone under 26|must be/],
    ['1800-01-01', /on or after 1 January 1900/],
    ['26-01-01', /must include a year with 4 numbers/],
    ['2019-02-31', /must be a real date/],
  ])('refuse a child born %s', async (dob, message) => {
    const res = await child({ kind: 'child', dateOfBirth: dob });
    expect(res.statusCode, res.body).toBe(400);
    expect(messageFor(res, 'person.dateOfBirth')).toMatch(message);
  });

  it('refuse an unborn child expected in the past, or more than 10 months ahead', async () => {
    for (const [expected, message] of [
      ['2020-01-01', /must be today or in the future/],
      ['2099-01-01', /within the next 10 months/],
    ] as const) {
      const res = await child({ kind: 'unborn', expectedDateOfBirth: expected });
      expect(res.statusCode, res.body).toBe(400);
      expect(messageFor(res, 'person.expectedDateOfBirth')).toMatch(message);
    }
  });

  it('refuse a changed date of birth in 1900 (PATCH)', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${w.children.child1}`,
      headers: { authorization: auth },
      payload: { dateOfBirth: '1900-01-01', version: 1 },
    });
    expect(res.statusCode, res.body).toBe(400);
  });
});

describe('searching by a date of birth that does not exist', () => {
  it('is the search page with the GOV.UK error, not a 5xx', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const res = await t.app.inject({ url: '/search?dob=2019-02-31', headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: Find a child');
    expect(res.body).toContain('<a href="#dob">Date of birth must be a real date</a>');
    expect(res.body).toContain('govuk-input--error');
  });

  it('is a 400 naming dob on the API', async () => {
    const res = await t.app.inject({
      url: '/api/v1/children?dob=2019-02-31',
      headers: { authorization: auth },
    });
    expect(res.statusCode).toBe(400);
    expect(messageFor(res, 'dob')).toBe('Date of birth must be a real date');
  });
});
