/** POST /api/v1/children: 409 with the candidates first, 201 after confirming; scopes and roles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/factories.ts';
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
const post = async (
  payload: Record<string, unknown>,
  user = w.users.workerB,
  scopes?: Parameters<typeof bearer>[2],
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/children',
    headers: { authorization: await bearer(db(), user, scopes) },
    payload,
  });

const person = {
  kind: 'child',
  givenName: 'Jaden',
  familyName: 'Okafor',
  dateOfBirth: '2015-06-01',
  nhsNumber: '943 476 5919',
};

describe('POST /api/v1/children', () => {
  it('answers 409 with the candidates, then 201 once confirmed', async () => {
    const first = await post({ person });
    expect(first.statusCode).toBe(409);
    const body = first.json<{
      error: {
        id: string;
        data: {
          candidates: {
            id: string;
            matchProbability: number;
            reasons: string[];
            canOpen: boolean;
            nhsNumber: string | null;
          }[];
        };
      };
    }>();
    expect(body.error.id).toBe('possible_duplicates');
    const jayden = body.error.data.candidates.find((c) => c.id === w.children.child1);
    expect(jayden).toMatchObject({ canOpen: false, nhsNumber: null });
    expect(jayden!.matchProbability).toBeGreaterThan(0.5);
    expect(jayden!.reasons).toContain('Date of birth: exact');
    expect(await db().selectFrom('people').select('id').where('given_name', '=', 'Jaden').execute()).toEqual(
      [],
    );

    const created = await post({
      person,
      confirmNoDuplicate: true,
      address: { line1: '1 New Street', postcode: 'NB1 1AA', startedOn: '2024-01-01' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const row = await db().selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ given_name: 'Jaden', nhs_number: '9434765919', la_code: '901' });
  });

  it('creates without asking when nobody is similar', async () => {
    const res = await post({
      person: { kind: 'adult', givenName: 'Marguerite', familyName: 'Zebedee-Quist' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('answers 400 naming the fields', async () => {
    const res = await post({
      person: { kind: 'child', givenName: '', familyName: 'X', nhsNumber: '1234567890' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { id: string } }>().error.id).toBe('validation_failed');
  });

  it('needs the write scope and a role that records contacts', async () => {
    expect((await post({ person }, w.users.workerB, ['children:read'])).statusCode).toBe(403);
    expect((await post({ person, confirmNoDuplicate: true }, w.users.partner)).statusCode).toBe(403);
    expect((await post({ person, confirmNoDuplicate: true }, w.users.psw)).statusCode).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('carries the create and change schemas with their 409 answers', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    }>();
    expect(doc.paths['/api/v1/children']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/children']?.post?.responses['409']).toBeDefined();
    expect(doc.paths['/api/v1/children/{id}']?.patch?.responses['409']).toBeDefined();
  });
});
