/**
 * Values out of range, with the probes' inputs: a `version` beyond PostgreSQL's integer is a 400
 * naming it (API and pages), never a database error, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
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

type ErrorJson = { error: { id: string; fields: { field: string; message: string }[] } };
const RANGE = 'Version must be a whole number from 1 to 2,147,483,647 (the version you read)';

describe('a version beyond the integer range', () => {
  it.each([99999999999, 2147483648, 1e308, -1, 0, 1.5, 'abc'])(
    'is a 400 naming it on PATCH /api/v1/children/{id} (%s)',
    async (version) => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/children/${w.children.child1}`,
        headers: { authorization: auth },
        payload: { givenName: 'Changed', version },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorJson>().error.fields).toEqual([{ field: 'version', message: RANGE }]);
    },
  );

  it('is a 400 naming it on PATCH /api/v1/children/{id}/notes/{noteId}', async () => {
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1}/journey/note`,
      headers: { authorization: auth },
      payload: { notedOn: '2026-01-05', title: 'A note', body: 'Fictional.' },
    });
    expect(note.statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${w.children.child1}/notes/${note.json<{ id: string }>().id}`,
      headers: { authorization: auth },
      payload: { notedOn: '2026-01-05', title: 'Changed', body: 'Fictional.', version: 99999999999 },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<ErrorJson>().error.fields[0]).toEqual({ field: 'version', message: RANGE });
  });

  it('is a 400 page naming it when editing details, and nothing changes', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const res = await submitForm(t.app, `/children/${w.children.child1}/details/edit`, cookie, {
      version: '99999999999',
      kind: 'child',
      givenName: 'Changed',
      familyName: 'Okafor',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2015',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(RANGE);
    const row = await db()
      .selectFrom('people')
      .select('given_name')
      .where('id', '=', w.children.child1)
      .executeTakeFirstOrThrow();
    expect(row.given_name).toBe('Jayden');
  });
});
