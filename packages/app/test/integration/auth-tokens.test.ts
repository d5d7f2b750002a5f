/** JSON API authentication: personal access tokens (page, shown once, revoke), client credentials, scopes, 401s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScopeNotAllowedError } from '../../src/auth/api-tokens.ts';
import { createApiClient, revokeApiClient } from '../../src/auth/clients.ts';
import {
  buildLocalAuthority,
  buildOrganisation,
  buildUser,
  sessionCookie,
  type BuiltLa,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
const meta = { ip: null, requestId: 'test' };

beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '804');
});
afterAll(async () => t.close());

async function me(authorization?: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/me',
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

describe('API routes without a valid token', () => {
  it('answer 401 {"error":{"id":"unauthenticated"}}', async () => {
    for (const auth of [undefined, 'Bearer wpt_not-a-real-token', 'Basic Zm9vOmJhcg==']) {
      const res = await me(auth);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { id: 'unauthenticated' } });
    }
  });
});

describe('personal access tokens', () => {
  it('are created on /account/tokens, shown once, work on the API with their scopes, and can be revoked', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const b = new TestBrowser(t.app, '10.2.0.1');
    b.cookies.set(...((await sessionCookie(t.database.db, user)).split('=') as [string, string]));
    const page = await b.get('/account/tokens');
    expect(page.body).toContain('You have no tokens');
    const invalid = await b.post('/account/tokens', { name: '', expiresInDays: '7' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('href="#name"');
    expect(invalid.body).toContain('href="#scopes"');
    const created = await b.post('/account/tokens', {
      name: 'weekly report',
      scopes: ['children:read'],
      expiresInDays: '7',
    });
    expect(created.status).toBe(200);
    const token = /data-testid="new-token">([^<]+)</.exec(created.body)![1]!;
    expect(token).toMatch(/^wpt_/);
    const who = await me(`Bearer ${token}`);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      email: user.email,
      laCode: '804',
      scopes: ['children:read'],
      onBehalfOf: null,
    });
    // Only the hash is stored, and the list does not show the token again.
    const list = await b.get('/account/tokens');
    expect(list.body).toContain('weekly report');
    expect(list.body).not.toContain(token);
    const row = await t.database.db
      .selectFrom('api_tokens')
      .select(['id', 'token_hash', 'expires_at'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    const days = (row.expires_at!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    // Another user cannot revoke it.
    const other = await buildUser(t.database.db, la, ['social_worker']);
    const ob = new TestBrowser(t.app, '10.2.0.2');
    ob.cookies.set(...((await sessionCookie(t.database.db, other)).split('=') as [string, string]));
    await ob.get('/account/tokens');
    expect((await ob.post(`/account/tokens/${row.id}/revoke`)).status).toBe(404);
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    await b.get('/account/tokens');
    expect((await b.post(`/account/tokens/${row.id}/revoke`)).location).toBe('/account/tokens?revoked=1');
    expect((await me(`Bearer ${token}`)).status).toBe(401);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', row.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.token_issue', 'auth.token_revoke']);
  });

  it('stop working when they expire', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const b = new TestBrowser(t.app, '10.2.0.3');
    b.cookies.set(...((await sessionCookie(t.database.db, user)).split('=') as [string, string]));
    await b.get('/account/tokens');
    const created = await b.post('/account/tokens', {
      name: 'short',
      scopes: 'children:read',
      expiresInDays: '1',
    });
    const token = /data-testid="new-token">([^<]+)</.exec(created.body)![1]!;
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await me(`Bearer ${token}`)).status).toBe(401);
  });
});

describe('client credentials for partner systems', () => {
  async function partnerClient(scopes: ('children:read' | 'children:write')[] = ['children:read']) {
    const police = await buildOrganisation(t.database.db, '804', 'police', 'Test Police');
    const service = await buildUser(t.database.db, la, ['partner_practitioner'], {
      organisationId: police,
      name: 'Police case system',
    });
    return {
      service,
      ...(await createApiClient(
        t.database.db,
        { userId: service.id, name: 'Police case system', scopes },
        meta,
      )),
    };
  }
  const tokenRequest = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(payload).toString(),
    });

  it('exchange a client id and secret for a one-hour bearer token acting for the service user', async () => {
    const { clientId, clientSecret, service } = await partnerClient();
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{ access_token: string; token_type: string; expires_in: number; scope: string }>();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'children:read' });
    const who = await me(`Bearer ${body.access_token}`);
    expect(who.body).toMatchObject({
      userId: service.id,
      onBehalfOf: 'Police case system',
      scopes: ['children:read'],
    });
    // HTTP Basic works too.
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    expect(
      (await tokenRequest({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` }))
        .statusCode,
    ).toBe(200);
  });

  it('refuse a wrong secret, a revoked client, a grant type other than client_credentials and scopes beyond the client', async () => {
    const { clientId, clientSecret } = await partnerClient(['children:read']);
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: 'wps_wrong',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await tokenRequest({
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'children:write',
    });
    expect(scope.statusCode).toBe(400);
    expect(scope.json()).toMatchObject({ error: 'invalid_scope' });
    const ok = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    const token = ok.json<{ access_token: string }>().access_token;
    expect(await revokeApiClient(t.database.db, clientId)).toBe(true);
    expect(
      (
        await tokenRequest({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        })
      ).statusCode,
    ).toBe(401);
    expect((await me(`Bearer ${token}`)).status).toBe(401);
  });

  it('refuse cpis:read to a client whose service user is not an unscheduled care clinician, at creation and at exchange', async () => {
    const partner = await buildUser(t.database.db, la, ['partner_practitioner']);
    await expect(
      createApiClient(
        t.database.db,
        { userId: partner.id, name: 'Not a clinician', scopes: ['cpis:read'] },
        meta,
      ),
    ).rejects.toBeInstanceOf(ScopeNotAllowedError);
    // Registered while a clinician; the role then taken away: the exchange is a 400, never a 500.
    const clinician = await buildUser(t.database.db, la, ['unscheduled_care_clinician']);
    const { clientId, clientSecret } = await createApiClient(
      t.database.db,
      { userId: clinician.id, name: 'ED system', scopes: ['cpis:read'] },
      meta,
    );
    const granted = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(granted.statusCode).toBe(200);
    await t.database.db.deleteFrom('user_roles').where('user_id', '=', clinician.id).execute();
    await t.database.db
      .insertInto('user_roles')
      .values({ user_id: clinician.id, role: 'partner_practitioner' })
      .execute();
    const refused = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('stop working when the service user is deactivated', async () => {
    const { clientId, clientSecret, service } = await partnerClient();
    const ok = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    const token = ok.json<{ access_token: string }>().access_token;
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', service.id).execute();
    expect((await me(`Bearer ${token}`)).status).toBe(401);
    expect(
      (
        await tokenRequest({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        })
      ).statusCode,
    ).toBe(401);
  });
});
