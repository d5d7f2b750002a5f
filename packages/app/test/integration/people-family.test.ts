/** The family view both ways round, and adding a family member (existing or new, with the duplicate check). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, buildChild, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let sibling: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  sibling = await buildChild(t.database.db, '901', {
    givenName: 'Amara',
    familyName: 'Okafor',
    dateOfBirth: '2018-01-09',
  });
  await allocate(t.database.db, '901', sibling, w.teams.teamB, w.users.workerB.id);
});
afterAll(async () => t.close());
const db = () => t.database.db;
const family = (id = w.children.child1) => `/children/${id}/family`;
const link = { type: 'mother', parentalResponsibility: 'yes', livesWith: 'yes' };

describe('adding a family member', () => {
  it('creates a new adult, allocated to the child’s team and worker as a family member, and links her', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const bad = await submitForm(
      t.app,
      `${family()}/new?new=1`,
      cookie,
      { mode: 'new', kind: 'adult', givenName: '' },
      `${family()}/new`,
    );
    expect(bad.statusCode).toBe(400);
    for (const href of ['#type', '#parentalResponsibility', '#livesWith', '#givenName'])
      expect(bad.body).toContain(`href="${href}"`);

    const res = await submitForm(
      t.app,
      `${family()}/new?new=1`,
      cookie,
      { mode: 'new', kind: 'adult', givenName: 'Grace', familyName: 'Adeyemi-Okafor', ...link },
      `${family()}/new`,
    );
    expect(res.statusCode).toBe(303);
    const mum = await db()
      .selectFrom('people')
      .selectAll()
      .where('given_name', '=', 'Grace')
      .executeTakeFirstOrThrow();
    expect(mum.kind).toBe('adult');
    const allocation = await db()
      .selectFrom('allocations')
      .selectAll()
      .where('person_id', '=', mum.id)
      .executeTakeFirstOrThrow();
    expect(allocation).toMatchObject({
      team_id: w.teams.teamA,
      worker_user_id: w.users.workerA.id,
      reason: 'Family member of Jayden Okafor',
    });
    const rel = await db()
      .selectFrom('person_relationships')
      .selectAll()
      .where('related_person_id', '=', mum.id)
      .executeTakeFirstOrThrow();
    expect(rel).toMatchObject({
      person_id: w.children.child1,
      type: 'mother',
      parental_responsibility: true,
      lives_with: true,
    });

    const page = await t.app.inject({ method: 'GET', url: family(), headers: { cookie } });
    expect(page.body).toContain(`href="/children/${mum.id}">Grace Adeyemi-Okafor</a>`);
    expect(page.body).toContain('Mother');
    // Both ways round: on her record Jayden is her child.
    const hers = await t.app.inject({ method: 'GET', url: family(mum.id), headers: { cookie } });
    expect(hers.statusCode).toBe(200);
    expect(hers.body).toContain('Jayden Okafor');
    expect(hers.body).toContain('>Child<');
  });

  it('finds someone already recorded and links them; a relative the caller may not open is shown by name only', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const found = await t.app.inject({
      method: 'GET',
      url: `${family()}/new?name=Amara+Okafor`,
      headers: { cookie },
    });
    expect(found.body).toContain(`/family/new?person=${sibling}`);
    const res = await submitForm(
      t.app,
      `${family()}/new?person=${sibling}`,
      cookie,
      { relatedPersonId: sibling, type: 'half-sibling', parentalResponsibility: 'no', livesWith: 'yes' },
      `${family()}/new`,
    );
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: family(), headers: { cookie } });
    expect(page.body).toContain('Amara Okafor');
    expect(page.body).not.toContain(`href="/children/${sibling}"`);
    expect(page.body).toContain('Half-brother or half-sister');
  });

  it('checks a new person for duplicates first, and links the existing record if chosen', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const before = await db().selectFrom('people').select('id').execute();
    const res = await submitForm(
      t.app,
      `${family()}/new?new=1`,
      cookie,
      {
        mode: 'new',
        kind: 'child',
        givenName: 'Amara',
        familyName: 'Okafor',
        'dateOfBirth-day': '9',
        'dateOfBirth-month': '1',
        'dateOfBirth-year': '2018',
        type: 'sibling',
        parentalResponsibility: 'no',
        livesWith: 'no',
      },
      `${family()}/new`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Is this one of these people?');
    expect(res.body).toContain(`name="relatedPersonId" value="${sibling}"`);
    expect(res.body).toContain('name="confirmNoDuplicate" value="yes"');
    expect((await db().selectFrom('people').select('id').execute()).length).toBe(before.length);
  });

  it('is not found for someone who may not edit the child', async () => {
    const cookie = await sessionCookie(db(), w.users.workerB);
    expect((await t.app.inject({ method: 'GET', url: family(), headers: { cookie } })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `${family()}/new`, headers: { cookie } })).statusCode,
    ).toBe(404);
  });
});
