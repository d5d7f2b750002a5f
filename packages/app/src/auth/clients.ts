/**
 * Partner systems (police, health, schools) call the JSON API with the OAuth 2.0
 * client-credentials grant: a client id and secret (only its hash is stored) are exchanged for a
 * short-lived bearer token with the client's scopes, acting as the client's service user.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import type { RequestMeta } from './actor.ts';
import { apiScopes, issueApiToken, ScopeNotAllowedError, scopeRefused, type ApiScope } from './api-tokens.ts';
import { newSecret, sha256 } from './secrets.ts';
import { accountBar, findAccountById } from './sign-in/account.ts';

/** Lifetime of a client-credentials token. */
export const CLIENT_TOKEN_SECONDS = 3600;

export function isApiScope(s: string): s is ApiScope {
  return (apiScopes as readonly string[]).includes(s);
}

/**
 * Registers a client for a service user; returns the id and secret (shown once).
 * @throws ScopeNotAllowedError when a scope needs a capability the user's roles do not give
 * @example const { clientId, clientSecret } = await createApiClient(db, { userId, name: 'Police case system', scopes: ['children:read'] }, meta)
 */
export async function createApiClient(
  db: Kysely<Schema>,
  input: { userId: string; name: string; scopes: readonly ApiScope[] },
  meta: RequestMeta,
): Promise<{ clientId: string; clientSecret: string }> {
  const user = await db
    .selectFrom('users')
    .select(['la_code', 'organisation_id'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  const refused = await scopeRefused(db, input.userId, input.scopes);
  if (refused !== null) throw new ScopeNotAllowedError(refused);
  const clientId = newSecret('wpc_').slice(0, 28);
  const clientSecret = newSecret('wps_');
  await inTenant(db, user.la_code, async (tx) => {
    const { id } = await tx
      .insertInto('api_clients')
      .values({
        la_code: user.la_code,
        client_id: clientId,
        secret_hash: sha256(clientSecret),
        user_id: input.userId,
        name: input.name,
        scopes: [...input.scopes],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, null, meta, {
      laCode: user.la_code,
      action: 'admin.client_create',
      outcome: 'success',
      recordType: 'api_client',
      recordId: id,
      reason: input.name,
    });
  });
  return { clientId, clientSecret };
}

export type ClientGrant =
  | { ok: true; token: string; scopes: ApiScope[]; expiresIn: number }
  | { ok: false; error: 'invalid_client' | 'invalid_scope' };

/**
 * Exchanges client credentials for a token. Requested scopes must be a subset of the client's
 * (none requested: all of them). Audited as a token issue "on behalf of" the client.
 */
export async function exchangeClientCredentials(
  db: Kysely<Schema>,
  env: 'development' | 'test' | 'production',
  clientId: string,
  clientSecret: string,
  requested: string[] | null,
  meta: RequestMeta,
): Promise<ClientGrant> {
  const client = await db
    .selectFrom('api_clients')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('secret_hash', '=', sha256(clientSecret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (client === undefined) return { ok: false, error: 'invalid_client' };
  const user = await findAccountById(db, client.user_id);
  if (user === null || accountBar(user, env) !== null) return { ok: false, error: 'invalid_client' };
  const allowed = client.scopes.filter(isApiScope);
  const scopes = requested === null ? allowed : requested.filter(isApiScope);
  if (requested !== null && (scopes.length !== requested.length || scopes.some((s) => !allowed.includes(s))))
    return { ok: false, error: 'invalid_scope' };
  // The service user's roles may have changed since the client was registered: a scope they no
  // longer give (cpis:read without the clinician's role) is refused, never issued or a 500.
  if ((await scopeRefused(db, client.user_id, scopes)) !== null) return { ok: false, error: 'invalid_scope' };
  return inTenant(db, client.la_code, async (tx) => {
    const issued = await issueApiToken(tx, {
      userId: client.user_id,
      actingLaCode: client.la_code,
      kind: 'client',
      name: client.name,
      scopes,
      expiresAt: new Date(Date.now() + CLIENT_TOKEN_SECONDS * 1000),
    });
    await recordAudit(
      tx,
      {
        userId: client.user_id,
        organisationId: user.organisation_id,
        laCode: client.la_code,
        onBehalfOf: client.name,
      },
      meta,
      {
        action: 'auth.token_issue',
        outcome: 'success',
        recordType: 'api_token',
        recordId: issued.id,
        reason: `client credentials (${scopes.join(' ')})`,
      },
    );
    return { ok: true as const, token: issued.token, scopes, expiresIn: CLIENT_TOKEN_SECONDS };
  });
}

/** Revokes a client: it can get no new tokens (tokens already issued expire within the hour, or revoke them too). */
export async function revokeApiClient(db: Kysely<Schema>, clientId: string): Promise<boolean> {
  const now = new Date();
  const row = await db
    .updateTable('api_clients')
    .set({ revoked_at: now })
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .returning(['user_id', 'name'])
    .executeTakeFirst();
  if (row === undefined) return false;
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', row.user_id)
    .where('kind', '=', 'client')
    .where('name', '=', row.name)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}
