/**
 * The involvement API for agencies' own systems (client credentials, involvement:read/write), the
 * LA's own involvement derived from the journey and published with it, and cross-LA look-ups: a
 * child known in two LAs and to the police is found by each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/auth/clients.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { today } from '../../src/http/forms/dates.ts';
import { deriveLaServices } from '../../src/involvement/la-services.ts';
import { pollNotices } from '../../src/involvement/notices.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { outboxMessages } from '../../src/messaging/outbox.ts';
import { bearer, buildChild, buildOrganisation, buildUser, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestIndex, type TestIndex } from '../support/test-index.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let index: TestIndex;
const meta = { ip: '127.0.0.1', requestId: 'test' };
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  index = await createTestIndex();
});
afterAll(async () => {
  await index.close();
  await t.close();
});
const db = () => t.database.db;

async function clientToken(
  scopes: ('involvement:read' | 'involvement:write')[],
  organisationId?: string,
): Promise<string> {
  const school = organisationId ?? (await buildOrganisation(db(), '901', 'school', 'Fictional Academy'));
  const service = await buildUser(db(), w.la1, ['partner_practitioner'], {
    organisationId: school,
    name: 'School MIS',
  });
  const { clientId, clientSecret } = await createApiClient(
    db(),
    { userId: service.id, name: 'Academy MIS', scopes },
    meta,
  );
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return `Bearer ${res.json<{ access_token: string }>().access_token}`;
}

const pupil = (n: number) => ({
  givenName: `Pupil${n}`,
  familyName: 'Okafor',
  dateOfBirth: '2015-06-01',
  postcode: 'ls11 5ab',
  service: 'Designated safeguarding lead',
  role: 'Designated safeguarding lead',
  contactName: 'Dee Lead',
  contactPhone: '01632 960 222',
  contactEmail: 'dsl@academy.example',
  since: '2026-01-05',
  reason: 'education',
});

describe('the involvement API', () => {
  it('publishes in bulk with involvement:write, all or none, and lists with involvement:read', async () => {
    const token = await clientToken(['involvement:read', 'involvement:write']);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements',
      headers: { authorization: token },
      payload: { involvements: [pupil(1), { ...pupil(2), contactEmail: 'nope' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('contactEmail');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements',
      headers: { authorization: token },
      payload: { involvements: [pupil(1), pupil(2), pupil(3)] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { ids } = created.json<{ ids: string[] }>();
    expect(ids).toHaveLength(3);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/involvements',
      headers: { authorization: token },
    });
    expect(list.statusCode).toBe(200);
    const rows = list.json<{
      involvements: { id: string; postcode: string; version: number; linked: boolean }[];
    }>().involvements;
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows[0]).toMatchObject({ postcode: 'LS11 5AB', linked: false });

    // Ending: a stale version is a conflict and ends none; then all end
    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements/end',
      headers: { authorization: token },
      payload: {
        ends: [
          { id: ids[0], endedOn: '2026-02-01', version: 1 },
          { id: ids[1], endedOn: '2026-02-01', version: 7 },
        ],
      },
    });
    expect(stale.statusCode).toBe(409);
    const still = await db().selectFrom('involvements').select('ended_on').where('id', 'in', ids).execute();
    expect(still.every((r) => r.ended_on === null)).toBe(true);
    const ended = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements/end',
      headers: { authorization: token },
      payload: { ends: ids.map((id) => ({ id, endedOn: '2026-02-01', version: 1 })) },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    await runDueJobs(db());
    for (const id of ids)
      expect(await index.publication(id)).toMatchObject({
        version: 2,
        until: '2026-02-01',
        withdrawn: false,
      });

    // Erasure withdraws it from the index
    const erased = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/involvements/${ids[2]}`,
      headers: { authorization: token },
    });
    expect(erased.statusCode).toBe(204);
    await runDueJobs(db());
    // Withdrawn from the index: a tombstone keeps the version, never the details.
    expect(await index.publication(ids[2]!)).toMatchObject({ withdrawn: true, service: null, until: null });
    const row = await db()
      .selectFrom('involvements')
      .selectAll()
      .where('id', '=', ids[2]!)
      .executeTakeFirstOrThrow();
    expect(row.child_given_name).toBeNull();
  });

  it('needs the scopes: read cannot write, and children scopes do not reach involvements', async () => {
    const readOnly = await clientToken(['involvement:read']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements',
      headers: { authorization: readOnly },
      payload: { involvements: [pupil(9)] },
    });
    expect(res.statusCode).toBe(403);
    const personal = await bearer(db(), w.users.partner, ['children:read']);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/involvements',
          headers: { authorization: personal },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('does not let one organisation end or erase another’s involvement', async () => {
    const a = await clientToken(['involvement:write']);
    const b = await clientToken(['involvement:write']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements',
      headers: { authorization: a },
      payload: { involvements: [pupil(5)] },
    });
    const [id] = created.json<{ ids: string[] }>().ids;
    const end = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements/end',
      headers: { authorization: b },
      payload: { ends: [{ id, endedOn: '2026-02-01', version: 1 }] },
    });
    expect(end.statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/involvements/${id}`,
          headers: { authorization: b },
        })
      ).statusCode,
    ).toBe(404);
    const denied = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('record_id', '=', id!)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('refuses a council worker (no record_involvements) and audits it', async () => {
    const token = await bearer(db(), w.users.workerA, ['involvement:write']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/involvements',
      headers: { authorization: token },
      payload: { involvements: [pupil(6)] },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the LA’s own involvement', () => {
  it('is derived from the journey, published when it starts and ends, and never re-keyed', async () => {
    const token = await bearer(db(), w.users.workerA, ['children:write', 'children:read']);
    const step = (kind: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/children/${w.children.child1}/journey/${kind}`,
        headers: { authorization: token },
        payload,
      });
    const started = await step('early-help', {
      startedOn: '2026-01-10',
      origin: 'request',
      reason: 'Help with routines',
    });
    expect(started.statusCode, started.body).toBe(201);
    await runDueJobs(db());
    const [row] = await db()
      .selectFrom('involvements')
      .selectAll()
      .where('person_id', '=', w.children.child1)
      .where('source', '=', 'la_service')
      .execute();
    expect(row).toMatchObject({
      la_service: 'early_help',
      started_on: '2026-01-10',
      ended_on: null,
      contact_name: 'Ada Worker',
      // The council's office number (the index needs a work phone; accounts hold none)
      contact_phone: '01632960001',
    });
    expect(await index.publication(row!.id)).toMatchObject({ service: 'Early help', until: null });
    const ended = await step('early-help-end', { endedOn: '2026-01-20', endReason: 'needs-met' });
    expect(ended.statusCode, ended.body).toBe(201);
    await runDueJobs(db());
    const endedPublication = await index.publication(row!.id);
    expect(endedPublication?.until).toBe('2026-01-20');
    // A step that changes no service leaves it be: nothing enqueued, the index's version unchanged
    const publishJobs = () =>
      db().selectFrom('jobs').select('id').where('name', '=', 'involvement.publish').execute();
    const before = (await publishJobs()).length;
    const visit = await step('visit', { date: '2026-01-21', seen: 'seen-alone', summary: 'Visited at home' });
    expect(visit.statusCode, visit.body).toBe(201);
    await runDueJobs(db());
    expect((await publishJobs()).length).toBe(before);
    expect((await index.publication(row!.id))?.version).toBe(endedPublication?.version);
  });

  it('derives leaving care: left care at 16 or over after 13 weeks since 14, to the 21st birthday', async () => {
    // Dates from today (never fixed): a child aged 17, in care from 15 to 16 and a half.
    const day = (years: number, days = 0) => {
      const d = new Date(`${today()}T12:00:00Z`);
      d.setUTCFullYear(d.getUTCFullYear() + years);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const dob = day(-17);
    const child = await buildChild(db(), '901', { dateOfBirth: dob });
    const addCare = (startedOn: string, endedOn: string | null) =>
      inTenant(db(), '901', async (tx) => {
        const cin = await tx
          .insertInto('cin_episodes')
          .values({
            la_code: '901',
            person_id: child,
            referral_on: startedOn,
            source: '1A',
            closed_on: endedOn,
            closure_reason: endedOn === null ? null : 'RC7',
            recorded_by: w.users.workerA.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('care_episodes')
          .values({
            la_code: '901',
            person_id: child,
            cin_episode_id: cin.id,
            started_on: startedOn,
            reason_new: 'S',
            legal_status: 'V2',
            category_of_need: 'N1',
            placement_type: 'U1',
            ended_on: endedOn,
            recorded_by: w.users.workerA.id,
          })
          .execute();
      });
    const leavingCare = () =>
      db()
        .selectFrom('involvements')
        .select(['la_service', 'started_on', 'ended_on', 'service', 'role'])
        .where('person_id', '=', child)
        .where('la_service', '=', 'care_leaver')
        .where('erased_at', 'is', null)
        .execute();
    const derive = () => inTenant(db(), '901', (tx) => deriveLaServices(tx, '901', child));
    // Left care at 15 and a half: not a care leaver.
    await addCare(day(-2), day(-1, -180));
    await derive();
    expect(await leavingCare()).toEqual([]);
    // Back in care from 16 to 16 and a half (over 13 weeks since 14 in all), then left: a care leaver.
    await addCare(day(-1), day(0, -180));
    await derive();
    expect(await leavingCare()).toEqual([
      {
        la_service: 'care_leaver',
        started_on: day(0, -180),
        ended_on: day(4, -1),
        service: 'Leaving care',
        role: 'Personal adviser',
      },
    ]);
    // Re-deriving changes nothing; a return to care withdraws it.
    expect(await derive()).toBe(0);
    await addCare(day(0, -10), null);
    await derive();
    expect(await leavingCare()).toEqual([]);
  });

  it('is found across LAs: a child known in two LAs and to the police is found by each', async () => {
    // The same child has a record in LA 902 too, with a worker there
    const twin = await buildChild(db(), '902', {
      givenName: 'Jayden',
      familyName: 'Okafor',
      dateOfBirth: '2015-06-01',
    });
    const la2Team = (
      await db().selectFrom('teams').select('id').where('la_code', '=', '902').executeTakeFirstOrThrow()
    ).id;
    await db()
      .insertInto('allocations')
      .values({ la_code: '902', person_id: twin, team_id: la2Team, worker_user_id: w.users.workerLa2.id })
      .execute();
    const police = await buildUser(db(), w.la2, ['partner_practitioner'], {
      organisationId: w.police,
      name: 'PC Southmere',
    });
    const cookie = await sessionCookie(db(), police, '902');
    const rec = await submitForm(t.app, '/involvements/new', cookie, {
      givenName: 'Jayden',
      familyName: 'Okafor',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2015',
      service: 'Missing persons',
      role: 'Officer',
      contactName: 'PC Southmere',
      contactPhone: '01632 960 333',
      contactEmail: 'pc.southmere@police.example',
      'since-day': '1',
      'since-month': '1',
      'since-year': '2026',
      reason: 'missing',
      shielded: 'no',
    });
    expect(rec.statusCode, rec.body).toBe(303);
    await runDueJobs(db());
    const ask = async (user: typeof w.users.workerA, child: string) =>
      submitForm(t.app, `/children/${child}/who-else`, await sessionCookie(db(), user), {
        reason: 'assessment',
      });
    const fromLa1 = await ask(w.users.workerA, w.children.child1);
    expect(fromLa1.body).toContain('pc.southmere@police.example');
    const fromLa2 = await ask(w.users.workerLa2, twin);
    expect(fromLa2.statusCode).toBe(200);
    expect(fromLa2.body).toContain('Early help');
    expect(fromLa2.body).toContain('pc.southmere@police.example');
  });

  it('shows the council’s data protection officer the look-ups on its records, and exports them', async () => {
    const get = async (user: typeof w.users.dpo, url: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });
    const page = await get(w.users.dpo, '/involvements/lookups');
    expect(page.statusCode, page.body).toBe(200);
    // LA 902's worker found LA 901's early help: disclosed, with who asked and why.
    expect(page.body).toContain(w.users.workerLa2.email);
    expect(page.body).toContain('A child and family assessment');
    expect(page.body).toContain('Disclosed');
    expect(page.body).toContain('Early help (');
    const csv = await get(w.users.dpo, '/involvements/lookups.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'at,lookup_id,caller,email,phone,organisation,la_code,reason,reason_text,disclosed,involvements_hit',
    );
    expect(lines.some((l) => l.includes(w.users.workerLa2.email) && l.includes(',yes,'))).toBe(true);
    // Only the data protection officer: a social worker is told it is not there.
    expect((await get(w.users.workerA, '/involvements/lookups')).statusCode).toBe(404);
    const audited = await db()
      .selectFrom('audit_events')
      .select(['action'])
      .where('actor_user_id', '=', w.users.dpo.id)
      .where('record_type', '=', 'involvement')
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['audit.export', 'audit.view']);
    // A range the wrong way round is named beside its field.
    const bad = await get(
      w.users.dpo,
      '/involvements/lookups?from-day=2&from-month=2&from-year=2026&to-day=1&to-month=2&to-year=2026',
    );
    expect(bad.body).toContain('The “to” date must be the same as or after the “from” date');
  });

  it('does not disclose a shielded involvement, and tells its named contact who asked', async () => {
    const shieldedChild = await buildChild(db(), '901', {
      givenName: 'Nia',
      familyName: 'Refuge',
      dateOfBirth: '2017-02-02',
    });
    await db()
      .insertInto('allocations')
      .values({
        la_code: '901',
        person_id: shieldedChild,
        team_id: w.teams.teamA,
        worker_user_id: w.users.workerA.id,
      })
      .execute();
    const hvOrg = await buildOrganisation(db(), '901', 'nhs_trust', 'Shielding Health');
    const hv = await buildUser(db(), w.la1, ['partner_practitioner'], { organisationId: hvOrg });
    const rec = await submitForm(t.app, '/involvements/new', await sessionCookie(db(), hv), {
      givenName: 'Nia',
      familyName: 'Refuge',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2017',
      service: 'Health visiting',
      role: 'Health visitor',
      contactName: 'Secret Visitor',
      contactPhone: '01632 960 444',
      contactEmail: 'secret@health.example',
      'since-day': '1',
      'since-month': '1',
      'since-year': '2026',
      reason: 'health_need',
      shielded: 'yes',
    });
    expect(rec.statusCode).toBe(303);
    await runDueJobs(db());
    const res = await submitForm(
      t.app,
      `/children/${shieldedChild}/who-else`,
      await sessionCookie(db(), w.users.workerA),
      { reason: 'welfare_concern' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Shielding Health');
    expect(res.body).not.toContain('secret@health.example');
    // The index's look-up hit the shielded involvement and disclosed nothing of it.
    expect(await index.lastLookupHits()).toEqual([
      expect.objectContaining({ organisation_id: hvOrg, disclosed: false }),
    ]);

    // The index's notice reaches the shielding agency's named contact through the outbox, once.
    const poll = () => pollNotices((fn) => inTenant(db(), '901', fn), '901');
    expect(await poll()).toBeGreaterThanOrEqual(1);
    expect(await poll()).toBe(0);
    await runDueJobs(db());
    const sent = (await outboxMessages(db(), '901')).filter((m) => m.template === 'involvement-shielded-hit');
    expect(sent.map((m) => m.to)).toEqual(['secret@health.example']);
    expect(sent[0]?.body).toContain(w.users.workerA.email);
    expect(sent[0]?.body).toContain('A concern about the child’s welfare I am acting on');
    expect(sent[0]?.body).not.toContain('Nia');
    expect(sent[0]?.body).not.toContain('Refuge');
    const kept = await inTenant(db(), '901', (tx) =>
      tx
        .selectFrom('involvement_index_notices')
        .select(['kind', 'organisation_id'])
        .where('organisation_id', '=', hvOrg)
        .execute(),
    );
    expect(kept).toEqual([{ kind: 'shielded_hit', organisation_id: hvOrg }]);

    // The shielding agency's own data protection officer sees the look-up on its records: who asked
    // and why, not disclosed, the shielded hit counted; exports it. Nothing of the council's record.
    const dpo = await buildUser(db(), w.la1, ['partner_data_protection_officer'], { organisationId: hvOrg });
    const open = async (user: typeof dpo, url: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });
    const review = await open(dpo, '/involvements/lookups');
    expect(review.statusCode, review.body).toBe(200);
    expect(review.body).toContain('Look-ups on your records');
    expect(review.body).toContain(w.users.workerA.email);
    expect(review.body).toContain('A concern about the child’s welfare I am acting on');
    expect(review.body).toContain('Not disclosed');
    expect(review.body).not.toContain('>Disclosed<');
    expect(review.body).toContain('Health visiting (');
    expect(review.body).toContain('1 look-up in this period hit a shielded involvement');
    expect(review.body).toContain('href="/involvements/lookups"'); // in the service navigation
    const csv = await open(dpo, '/involvements/lookups.csv');
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.trim().split('\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(w.users.workerA.email);
    expect(rows[0]).toContain(',no,');
    // Their own organisation's look-ups only: the NHS trust of the first test saw none of this.
    const otherOrg = await buildOrganisation(db(), '901', 'nhs_trust', 'Another Health');
    const otherDpo = await buildUser(db(), w.la1, ['partner_data_protection_officer'], {
      organisationId: otherOrg,
    });
    const other = await open(otherDpo, '/involvements/lookups');
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(w.users.workerA.email);
    expect(other.body).toContain('No look-ups touched your records');
    // A partner DPO opens no child's record and holds no involvements.
    expect((await open(dpo, `/children/${shieldedChild}`)).statusCode).toBe(404);
    expect((await open(dpo, '/involvements')).statusCode).toBe(404);
    const audited = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('actor_user_id', '=', dpo.id)
      .where('record_type', '=', 'involvement')
      .execute();
    // The review and the export, and the refused "My children" (denied, as every refusal is).
    expect(audited.map((a) => `${a.action} ${a.outcome}`).sort()).toEqual([
      'audit.export success',
      'audit.view success',
      'record.search denied',
    ]);
  });
});
