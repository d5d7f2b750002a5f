import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClient } from '../src/clients.ts';
import { httpIndexClient } from '../src/http-client.ts';
import type { OpenedLocalIndex } from '../src/open.ts';
import { buildIndexServer } from '../src/server.ts';
import { IndexInputError } from '../src/types.ts';
import { caller, encode, engineName, freshIndex, publication, publisher } from './helpers.ts';

const child = {
  id: 'c',
  given_name: 'Tobias',
  family_name: 'Fairweather',
  dob: '2017-03-12',
  sex: 'M',
  postcode: 'S1 4GH',
  address: '22 Furnival Gate',
  town: 'Sheffield',
};
const laA = publisher('la-a', 'Sheffield City Council', 'local_authority', 'E08000019');
const gp = publisher('gp-a', 'Furnival Medical Practice', 'gp_practice');
const police = publisher('police-b', 'South Yorkshire Police', 'police');

describe(`the index's HTTP API (${engineName})`, () => {
  let index: OpenedLocalIndex;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let app1: { clientId: string; clientSecret: string };
  let police1: { clientId: string; clientSecret: string };
  let token: string;
  beforeAll(async () => {
    ({ index, dispose } = await freshIndex());
    app = await buildIndexServer(index);
    app1 = await addClient(index.database.db, {
      name: 'Waypoint (Sheffield)',
      organisations: ['la-a', 'gp-a'],
    });
    police1 = await addClient(index.database.db, { name: 'Police system', organisations: ['police-b'] });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: app1.clientId,
        client_secret: app1.clientSecret,
      },
    });
    expect(res.statusCode).toBe(200);
    token = res.json<{ access_token: string }>().access_token;
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('refuses a wrong secret and a missing or unknown token', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/token',
      payload: { client_id: app1.clientId, client_secret: 'wrong' },
    });
    expect(bad.statusCode).toBe(401);
    const none = await app.inject({ method: 'POST', url: '/v1/lookups', payload: {} });
    expect(none.statusCode).toBe(401);
    const unknown = await app.inject({
      method: 'GET',
      url: '/v1/notices?organisation=la-a',
      headers: { authorization: 'Bearer abcdefghijklmnop' },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('a client publishes for its own organisations only', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/publications',
      headers: auth(),
      payload: publication(gp, 'gp-1', child),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'stored' });
    const other = await app.inject({
      method: 'POST',
      url: '/v1/publications',
      headers: auth(),
      payload: publication(police, 'p-1', child),
    });
    expect(other.statusCode).toBe(403);
    const notices = await app.inject({
      method: 'GET',
      url: '/v1/notices?organisation=police-b',
      headers: auth(),
    });
    expect(notices.statusCode).toBe(403);
    const lookupAsOther = await app.inject({
      method: 'POST',
      url: '/v1/lookups',
      headers: auth(),
      payload: {
        encoding: encode(child),
        caller: caller('police-b', 'South Yorkshire Police'),
        reason: 'missing',
        reasonText: null,
      },
    });
    expect(lookupAsOther.statusCode).toBe(403);
  });

  it('answers bad input with a clear 400, never a 5xx', async () => {
    const good = publication(laA, 'la-1', child);
    const cases: { url: string; method: 'POST' | 'GET'; payload?: unknown; body?: string }[] = [
      { method: 'POST', url: '/v1/publications', payload: { ...good, ref: 'x\u0000y' } },
      { method: 'POST', url: '/v1/publications', payload: { ...good, since: '0001-01-01' } },
      { method: 'POST', url: '/v1/publications', payload: { ...good, until: '99999-01-01' } },
      {
        method: 'POST',
        url: '/v1/publications',
        payload: { ...good, encoding: '{"id":"a","schema":"s","key":"k","clk":"AAAA","blocks":[]}' },
      },
      { method: 'POST', url: '/v1/publications', payload: { ...good, encoding: 'garbage' } },
      { method: 'POST', url: '/v1/publications', payload: { ...good, version: 'one' } },
      { method: 'POST', url: '/v1/publications', body: '{"not json' },
      { method: 'POST', url: '/v1/withdrawals', payload: { organisationId: 'la-a', ref: 'x', version: 1.5 } },
      { method: 'GET', url: '/v1/notices?organisation=la-a&after=abc' },
      { method: 'GET', url: '/v1/notices?organisation=la-a%00' },
      { method: 'GET', url: '/v1/lookups-on?organisation=la-a&from=2026-13-01&to=2026-12-01' },
    ];
    for (const c of cases) {
      const res = await app.inject({
        method: c.method,
        url: c.url,
        headers: { ...auth(), ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(c.body !== undefined
          ? { body: c.body }
          : c.payload !== undefined
            ? { payload: c.payload as object }
            : {}),
      });
      expect(res.statusCode, `${c.url} ${JSON.stringify(c.payload ?? c.body)}`).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message.length).toBeGreaterThan(3);
    }
  });

  it('serves its OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    for (const p of [
      '/v1/token',
      '/v1/publications',
      '/v1/withdrawals',
      '/v1/lookups',
      '/v1/notices',
      '/v1/lookups-on',
    ])
      expect(doc.paths).toHaveProperty([p]);
    expect(JSON.stringify(doc)).not.toMatch(/"(score|similarity|dice)":/);
  });

  it('httpIndexClient: publish, look up, notices and look-ups-on over HTTP', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const sheffield = httpIndexClient({ baseUrl: address, ...app1 });
    const force = httpIndexClient({ baseUrl: address, ...police1 });
    expect(
      await sheffield.publish(publication(laA, 'la-1', { ...child, address: '22 Furnival Gt' })),
    ).toEqual({ status: 'stored' });
    expect(await force.publish(publication(police, 'p-1', { ...child, postcode: 'S1 4GJ' }))).toEqual({
      status: 'stored',
    });
    const a = await force.lookup({
      encoding: encode(child),
      caller: caller('police-b', 'South Yorkshire Police'),
      reason: 'emergency',
      reasonText: null,
      excludeRefs: [{ organisationId: 'police-b', ref: 'p-1' }],
    });
    expect(a.outcome).toBe('answered');
    if (a.outcome === 'answered')
      expect(a.agencies.map((x) => x.organisation).sort()).toEqual([
        'Furnival Medical Practice',
        'Sheffield City Council',
      ]);
    const n = await sheffield.notices({ organisationId: 'gp-a', after: null });
    expect(n.map((x) => x.kind)).toEqual(['lookup_on_records']);
    const today = new Date().toISOString().slice(0, 10);
    const on = await sheffield.lookupsOn({ organisationId: 'la-a', from: today, to: today });
    expect(on).toHaveLength(1);
    expect(on[0]!.caller.organisationId).toBe('police-b');
    await expect(force.notices({ organisationId: 'la-a', after: null })).rejects.toThrow(/403|may not/);
    await expect(
      sheffield.publish({ ...publication(laA, 'la-2', child), since: '2026-02-31' }),
    ).rejects.toBeInstanceOf(IndexInputError);
    await sheffield.withdraw({ organisationId: 'la-a', ref: 'la-1', version: 2 });
  });
});
