/**
 * The token endpoint answers every bad request in the RFC 6749 §5.2 shape (`error`,
 * `error_description`) with 400 or 401, never a 5xx: the probes' inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/auth/clients.ts';
import { buildLocalAuthority, buildOrganisation, buildUser, type BuiltLa } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let la: BuiltLa;
beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '804');
});
afterAll(async () => t.close());

const post = (headers: Record<string, string>, payload: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers, payload });
const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function expectOAuthError(res: Awaited<ReturnType<typeof post>>, status: number, error: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<{ error: string; error_description: string }>();
  expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
  expect(body.error).toBe(error);
  expect(body.error_description.length).toBeGreaterThan(10);
  return body;
}

describe('POST /api/v1/oauth/token with bad input', () => {
  it.each([
    ['invalid JSON', '{"grant_type": "client_credentials",'],
    ['a JSON array', '["client_credentials"]'],
    ['JSON null', 'null'],
    ['a JSON string', '"client_credentials"'],
    ['a JSON number', '42'],
    ['a field that is not a string', '{"grant_type": "client_credentials", "client_id": 7}'],
  ])('%s is invalid_request (400)', async (_what, payload) => {
    expectOAuthError(await post({ 'content-type': 'application/json' }, payload), 400, 'invalid_request');
  });

  it.each(['text/plain', 'application/xml', 'multipart/form-data; boundary=b'])(
    'the content type %s is invalid_request (400), naming the type to send',
    async (type) => {
      const body = expectOAuthError(
        await post({ 'content-type': type }, 'grant_type=client_credentials'),
        400,
        'invalid_request',
      );
      expect(body.error_description).toMatch(/form-urlencoded/);
    },
  );

  it('multipart without a boundary is invalid_request (400), saying so', async () => {
    const body = expectOAuthError(
      await post({ 'content-type': 'multipart/form-data' }, 'x'),
      400,
      'invalid_request',
    );
    expect(body.error_description).toMatch(/no boundary/);
  });

  it.each([
    ['bad %-encoding in the id', basic('%E0%A4%A:secret')],
    ['bad %-encoding in the secret', basic('wpc_x:%ZZ')],
    ['a lone %', basic('%:%')],
    ['no colon', basic('justanid')],
    ['not base64', 'Basic ***'],
  ])('Basic credentials with %s are invalid_client (401)', async (_what, authorization) => {
    expectOAuthError(
      await post({ ...form, authorization }, 'grant_type=client_credentials'),
      401,
      'invalid_client',
    );
  });

  it('a NUL in a field is invalid_request (400)', async () => {
    expectOAuthError(
      await post(form, 'grant_type=client_credentials&client_id=a%00b&client_secret=x'),
      400,
      'invalid_request',
    );
  });

  it('well-encoded Basic credentials still work, %-decoded (RFC 6749 §2.3.1)', async () => {
    const police = await buildOrganisation(t.database.db, '804', 'police', 'Test Police');
    const service = await buildUser(t.database.db, la, ['partner_practitioner'], { organisationId: police });
    const c = await createApiClient(
      t.database.db,
      { userId: service.id, name: 'Police case system', scopes: ['children:read'] },
      { ip: null, requestId: 'test' },
    );
    const ok = await post(
      {
        ...form,
        authorization: basic(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`),
      },
      'grant_type=client_credentials',
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ token_type: string }>().token_type).toBe('Bearer');
  });
});
