/**
 * The input edge (http/input-edge.ts) and the audit's canonical form, with the probes' inputs: ids
 * in upper case, mixed case and braces reach the same record and leave the audit chain intact; a
 * NUL character anywhere in the path, query or body is a 400 naming where, and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/record-audit.ts';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { NotFoundError } from '../../src/http/errors.ts';
import { PersonRecords } from '../../src/records/person-records.ts';
import { loadActor } from '../../src/auth/load-actor.ts';
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

const mixed = (id: string) => id.replace(/[a-f]/g, (c, i: number) => (i % 2 === 0 ? c.toUpperCase() : c));
const shapes = (id: string) => ({
  'upper case': id.toUpperCase(),
  'mixed case': mixed(id),
  braces: `{${id}}`,
  'braces and upper case': `{${id.toUpperCase()}}`,
});

async function expectChainIntact() {
  const result = await verifyAuditChain(db());
  expect(result.breaks).toEqual([]);
}

async function eventsFor(personId: string) {
  return db()
    .selectFrom('audit_events')
    .select(['subject_person_id', 'record_id', 'outcome'])
    .where('subject_person_id', '=', personId)
    .execute();
}

describe('ids in any case or in braces', () => {
  it('reach the same record on the API, are audited as stored, and the chain stays intact', async () => {
    for (const [shape, sent] of Object.entries(shapes(w.children.child1))) {
      const res = await t.app.inject({ url: `/api/v1/children/${sent}`, headers: { authorization: auth } });
      expect(res.statusCode, shape).toBe(200);
      expect(res.json<{ id: string }>().id).toBe(w.children.child1);
    }
    const events = await eventsFor(w.children.child1);
    expect(events.length).toBeGreaterThanOrEqual(4);
    for (const e of events) expect(e.record_id).toBe(w.children.child1);
    await expectChainIntact();
  });

  it('reach the same record on the pages', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    for (const [shape, sent] of Object.entries(shapes(w.children.child1))) {
      const res = await t.app.inject({ url: `/children/${encodeURIComponent(sent)}`, headers: { cookie } });
      expect(res.statusCode, shape).toBe(200);
    }
    await expectChainIntact();
  });

  it('get the same 404 for a record the caller may not see, audited as denied with the stored id', async () => {
    for (const sent of Object.values(shapes(w.children.childLa2))) {
      const res = await t.app.inject({ url: `/api/v1/children/${sent}`, headers: { authorization: auth } });
      expect(res.statusCode).toBe(404);
      expect(res.json<{ error: { id: string } }>().error.id).toBe('not_found');
    }
    const denied = await db()
      .selectFrom('audit_events')
      .select(['subject_person_id', 'record_id'])
      .where('actor_user_id', '=', w.users.workerA.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.filter((e) => e.subject_person_id === w.children.childLa2)).toHaveLength(4);
    await expectChainIntact();
  });

  it('that are not uuids get the same 404 as an unknown record', async () => {
    for (const sent of [
      'not-a-uuid',
      `{${w.children.child1}`,
      `${w.children.child1}}`,
      `${w.children.child1}0`,
    ]) {
      const res = await t.app.inject({
        url: `/api/v1/children/${encodeURIComponent(sent)}`,
        headers: { authorization: auth },
      });
      expect(res.statusCode, sent).toBe(404);
    }
    await expectChainIntact();
  });

  it('hashes every audited value as stored, whatever it was sent as', async () => {
    await inTenant(db(), '901', (tx) =>
      recordAudit(
        tx,
        {
          userId: w.users.workerA.id.toUpperCase(),
          organisationId: `{${w.la1.organisationId}}`,
          laCode: '901',
        },
        { ip: '10.0.0.1\u0000', requestId: 'r\uD800' },
        {
          action: 'record.view',
          outcome: 'denied',
          subjectPersonId: w.children.child1.toUpperCase(),
          recordType: 'person',
          recordId: `{${w.children.child1.toUpperCase()}}`,
          reason: 'a lone surrogate \uDC00 and a NUL \u0000',
        },
      ),
    );
    const last = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('la_code', '=', '901')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      actor_user_id: w.users.workerA.id,
      organisation_id: w.la1.organisationId,
      subject_person_id: w.children.child1,
      record_id: w.children.child1,
      reason: 'a lone surrogate \uFFFD and a NUL \uFFFD',
      ip: '10.0.0.1\uFFFD',
      request_id: 'r\uFFFD',
    });
    await expectChainIntact();
  });

  it('the repository audits a denied id with a NUL in it instead of failing', async () => {
    const actor = await loadActor(db(), w.users.workerA.id, {
      via: 'session',
      sessionId: 'x',
      actingLaCode: '901',
    });
    if (actor === null) throw new Error('no actor');
    const records = new PersonRecords(db(), actor, { ip: '127.0.0.1', requestId: 'nul-test' });
    await expect(records.open(`${w.children.child1}\u0000`)).rejects.toBeInstanceOf(NotFoundError);
    const e = await db()
      .selectFrom('audit_events')
      .select(['record_id', 'outcome', 'subject_person_id'])
      .where('request_id', '=', 'nul-test')
      .executeTakeFirstOrThrow();
    expect(e).toEqual({
      record_id: `${w.children.child1}\uFFFD`,
      outcome: 'denied',
      subject_person_id: null,
    });
    await expectChainIntact();
  });
});

describe('a NUL character', () => {
  type ErrorJson = { error: { id: string; message: string; fields: { field: string; message: string }[] } };
  const visitsOf = async (id: string) =>
    (await db().selectFrom('visits').select('id').where('person_id', '=', id).execute()).length;

  it('in a path id is a 400 naming it', async () => {
    const res = await t.app.inject({
      url: `/api/v1/children/${w.children.child1}%00`,
      headers: { authorization: auth },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error).toMatchObject({
      id: 'bad_request',
      message: 'The path parameter id contains a NUL character (U+0000), which is not allowed',
    });
  });

  it('sent by a signed-in caller is audited as a refused request on the record in its path, and the chain holds', async () => {
    // A worker of another team trying a child not theirs: refused at the edge, still in the audit.
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1.toUpperCase()}/visits`,
      headers: { authorization: await bearer(db(), w.users.workerB) },
      payload: { date: '2026-01-05', seen: 'seen', summary: 'x\u0000' },
    });
    expect(res.statusCode).toBe(400);
    const refused = await db()
      .selectFrom('audit_events')
      .select(['record_id', 'outcome', 'reason', 'actor_user_id'])
      .where('action', '=', 'request.refused')
      .execute();
    expect(refused).toContainEqual({
      record_id: w.children.child1,
      outcome: 'denied',
      reason: 'POST /api/v1/children/:id/visits: NUL in summary',
      actor_user_id: w.users.workerB.id,
    });
    await expectChainIntact();
  });

  it('in the query is a 400 naming the field', async () => {
    const res = await t.app.inject({
      url: '/api/v1/children?name=Jay%00den',
      headers: { authorization: auth },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.fields).toEqual([
      {
        field: 'name',
        message: 'The query parameter name contains a NUL character (U+0000), which is not allowed',
      },
    ]);
  });

  it('in a JSON body, at any depth, is a 400 naming the field, and nothing is saved', async () => {
    const before = await visitsOf(w.children.child1);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1}/visits`,
      headers: { authorization: auth },
      payload: { date: '2026-01-05', seen: 'seen', summary: 'Saw Jayden\u0000 at home' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.fields[0]?.field).toBe('summary');
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/children',
      headers: { authorization: auth },
      payload: { person: { kind: 'child', givenName: 'A\u0000', familyName: 'B' } },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json<ErrorJson>().error.fields[0]?.field).toBe('person.givenName');
    expect(await visitsOf(w.children.child1)).toBe(before);
  });

  it('in a page form is a 400 page naming the field, and nothing is saved', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const before = await visitsOf(w.children.child1);
    const res = await submitForm(t.app, `/children/${w.children.child1}/journey/visit`, cookie, {
      'date-day': '5',
      'date-month': '1',
      'date-year': '2026',
      seen: 'seen',
      summary: 'Saw Jayden\u0000 at home',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The field summary contains a NUL character (U+0000), which is not allowed');
    expect(await visitsOf(w.children.child1)).toBe(before);
  });

  it('is found at any depth, and a body nested beyond reason is a 400 (not a stack overflow)', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    for (const payload of [deep(10_000), deep(500_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/children',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorJson>().error.message).toBe(
        'The request is nested more than 32 levels deep, which is not allowed',
      );
    }
  });
});

describe('a path that cannot be decoded', () => {
  it('is a 400 naming it, in the API’s error shape', async () => {
    const res = await t.app.inject({ url: '/api/v1/children/%E0%A4%A', headers: { authorization: auth } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { id: 'bad_request', message: 'The address is not valid: check its %-encoding' },
    });
  });
});
