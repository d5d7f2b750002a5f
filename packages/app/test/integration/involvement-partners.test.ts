/**
 * Partner agencies' own involvements: recording one never grants the council's record; the front
 * door's link opens it within the involvement's dates; publishing is enqueued with the change and
 * delivered after commit in order; a concern becomes a contact; look-ups need a relationship.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { buildOrganisation, buildUser, sessionCookie, type BuiltUser } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestIndex, type TestIndex } from '../support/test-index.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let hv: BuiltUser;
let index: TestIndex;
beforeAll(async () => {
  t = await createTestApp();
  index = await createTestIndex();
  w = await buildAccessWorld(t.database.db);
  const nhs = await buildOrganisation(t.database.db, '901', 'nhs_trust', 'Fictional Community Health', [
    '901',
  ]);
  hv = await buildUser(t.database.db, w.la1, ['partner_practitioner'], {
    organisationId: nhs,
    name: 'Hana Visitor',
  });
});
afterAll(async () => {
  await index.close();
  await t.close();
});
const db = () => t.database.db;
const get = async (user: BuiltUser, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });

const jayden = {
  givenName: 'Jayden',
  familyName: 'Okafor',
  'dateOfBirth-day': '1',
  'dateOfBirth-month': '6',
  'dateOfBirth-year': '2015',
  service: 'Health visiting',
  role: 'Health visitor',
  contactName: 'Hana Visitor',
  contactPhone: '01632 960 111',
  contactEmail: 'Hana.Visitor@Health.example',
  'since-day': '2',
  'since-month': '1',
  'since-year': '2026',
  reason: 'health_need',
  shielded: 'no',
};

async function record(user: BuiltUser, fields: Record<string, string>): Promise<string> {
  const res = await submitForm(t.app, '/involvements/new', await sessionCookie(db(), user), fields);
  expect(res.statusCode, res.body).toBe(303);
  return /\/involvements\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
}

describe('a partner records an involvement', () => {
  let id: string;
  it('lives in the partner’s space, canonicalised, and does not grant the council’s record', async () => {
    id = await record(hv, jayden);
    const row = await db()
      .selectFrom('involvements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'partner',
      person_id: null,
      linked_at: null,
      contact_email: 'hana.visitor@health.example',
      contact_phone: '01632960111',
      child_date_of_birth: '2015-06-01',
    });
    expect((await get(hv, `/children/${w.children.child1}`)).statusCode).toBe(404);
    const mine = await get(hv, '/involvements');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Jayden Okafor');
    expect(mine.body).toContain('Not linked yet');
    // Another partner does not see it
    expect((await get(w.users.partner, `/involvements/${id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with field errors and saves nothing', async () => {
    const before = await db().selectFrom('involvements').select('id').execute();
    const res = await submitForm(t.app, '/involvements/new', await sessionCookie(db(), hv), {
      ...jayden,
      contactEmail: 'not an email',
      'since-month': '13',
      reason: 'because',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter a work email address');
    expect(res.body).toContain('must be a real date');
    expect(res.body).toContain('Select why you are involved');
    expect(await db().selectFrom('involvements').select('id').execute()).toHaveLength(before.length);
  });

  it('is published to the index after commit', async () => {
    expect(await index.publication(id)).toBeUndefined();
    await runDueJobs(db());
    expect(await index.publication(id)).toMatchObject({
      version: 1,
      service: 'Health visiting',
      organisation_name: 'Fictional Community Health',
      until: null,
      shielded: false,
      withdrawn: false,
    });
  });

  it('is corrected at the version seen: a stale one is refused, and the index holds the correction', async () => {
    const url = `/involvements/${id}/correct`;
    const form = await get(hv, url);
    expect(form.statusCode).toBe(200);
    const version = Number(/name="version" value="(\d+)"/.exec(form.body)![1]!);
    const corrected = { ...jayden, service: 'Health visiting (0 to 5 service)' };
    const stale = await submitForm(t.app, url, await sessionCookie(db(), hv), {
      ...corrected,
      version: String(version - 1),
    });
    expect(stale.statusCode).toBe(409);
    await runDueJobs(db());
    expect((await index.publication(id))?.service).toBe('Health visiting');
    const saved = await submitForm(t.app, url, await sessionCookie(db(), hv), {
      ...corrected,
      version: String(version),
    });
    expect(saved.statusCode, saved.body).toBe(303);
    await runDueJobs(db());
    expect(await index.publication(id)).toMatchObject({
      version: version + 1,
      service: 'Health visiting (0 to 5 service)',
    });
  });

  it('is not on the front door list for a social worker, and a partner cannot link it', async () => {
    expect((await get(w.users.workerA, '/front-door/involvements')).statusCode).toBe(404);
    const res = await submitForm(
      t.app,
      '/involvements/new',
      await sessionCookie(db(), hv),
      { personId: w.children.child1 },
      `/front-door/involvements/${id}`,
    );
    expect(res.statusCode).toBe(404);
  });

  it('raises a concern that the front door links and records as a contact, opening the record to the partner', async () => {
    const concern = await submitForm(t.app, `/involvements/${id}/concern`, await sessionCookie(db(), hv), {
      concern: 'Bruising seen on the child’s arm at the home visit',
      urgent: 'yes',
    });
    expect(concern.statusCode).toBe(303);
    const list = await get(w.users.frontDoor, '/front-door/involvements');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Urgent concern');
    const task = await get(w.users.frontDoor, `/front-door/involvements/${id}`);
    expect(task.body).toContain('Bruising seen');
    expect(task.body).toContain(w.children.child1);
    const linked = await submitForm(
      t.app,
      `/front-door/involvements/${id}`,
      await sessionCookie(db(), w.users.frontDoor),
      {
        personId: w.children.child1,
      },
    );
    expect(linked.statusCode, linked.body).toBe(303);
    const row = await db()
      .selectFrom('involvements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.person_id).toBe(w.children.child1);
    const contact = await db()
      .selectFrom('contacts')
      .selectAll()
      .where('person_id', '=', w.children.child1)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({
      source: '3F',
      worries: 'Bruising seen on the child’s arm at the home visit',
    });
    // hv holds it now: linked, within dates → the record opens (partner: view, no case notes)
    expect((await get(hv, `/children/${w.children.child1}`)).statusCode).toBe(200);
  });

  it('ends: published after the publication, and the record closes after the end date', async () => {
    const form = await get(hv, `/involvements/${id}/end`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const ended = await submitForm(t.app, `/involvements/${id}/end`, await sessionCookie(db(), hv), {
      'endedOn-day': '3',
      'endedOn-month': '1',
      'endedOn-year': '2026',
      version,
    });
    expect(ended.statusCode, ended.body).toBe(303);
    await runDueJobs(db());
    // The link's publication and the end's both ran; the index holds the latest version, ended.
    expect(await index.publication(id)).toMatchObject({ version: Number(version) + 1, until: '2026-01-03' });
    expect((await get(hv, `/children/${w.children.child1}`)).statusCode).toBe(404);
  });
});

describe('who else is involved?', () => {
  it('answers a worker with a relationship, records the look-up on the timeline and the audit', async () => {
    const police = await record(w.users.partner, {
      ...jayden,
      service: 'Child abuse investigation',
      role: 'Detective',
      contactName: 'PC Partner',
      contactEmail: 'pc@police.example',
    });
    await runDueJobs(db());
    const res = await submitForm(
      t.app,
      `/children/${w.children.child1}/who-else`,
      await sessionCookie(db(), w.users.workerA),
      {
        reason: 'assessment',
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Fictional Constabulary');
    expect(res.body).toContain('pc@police.example');
    const page = await get(w.users.workerA, `/children/${w.children.child1}`);
    expect(page.body).toContain('Agencies involved');
    expect(page.body).toContain('Fictional Constabulary');
    expect(page.body).toContain('Asked who else is involved (a child and family assessment): agencies found');
    expect(police).toBeTruthy();
  });

  it('refuses a caller without a relationship, audits it, and never asks the index', async () => {
    const asked = await index.lookupCount();
    const res = await submitForm(
      t.app,
      '/people/new',
      await sessionCookie(db(), w.users.workerB),
      { reason: 'assessment' },
      `/children/${w.children.child1}/who-else`,
    );
    expect(res.statusCode).toBe(404);
    expect(await index.lookupCount()).toBe(asked);
    const denied = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_user_id', '=', w.users.workerB.id)
      .where('action', 'in', ['involvement.lookup', 'record.view'])
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('answers the front door screening a contact about a child it holds no relationship to otherwise', async () => {
    const asked = await index.lookupCount();
    const res = await submitForm(
      t.app,
      `/children/${w.children.screened}/who-else`,
      await sessionCookie(db(), w.users.frontDoor),
      { reason: 'screening_contact' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('You asked because: Screening a contact or referral at the front door');
    expect(res.body).toContain('No other agency has recorded an involvement');
    expect(await index.lookupCount()).toBe(asked + 1);
    const audited = await db()
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('actor_user_id', '=', w.users.frontDoor.id)
      .where('action', '=', 'involvement.lookup')
      .where('subject_person_id', '=', w.children.screened)
      .execute();
    expect(audited.map((a) => a.outcome)).toEqual(['success']);
    expect(audited[0]?.reason).toMatch(/^screening_contact; lookup .*; none; agencies=0$/);
  });

  it('asks for a reason, and words for "other"', async () => {
    const url = `/children/${w.children.child1}/who-else`;
    const none = await submitForm(t.app, url, await sessionCookie(db(), w.users.workerA), {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select why you need to know');
    const other = await submitForm(t.app, url, await sessionCookie(db(), w.users.workerA), {
      reason: 'other',
    });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('Say why you need to know');
  });
});
