/** Personal access tokens for the JSON API: a user lists, creates (shown once) and revokes their own. */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { issueApiToken, revokeApiToken, type ApiScope } from '../api-tokens.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTenant } from '../../db/tenant.ts';

export interface TokenSummary {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

function who(actor: Pick<Actor, 'userId' | 'organisationId' | 'laCode'>) {
  return { id: actor.userId, organisation_id: actor.organisationId, la_code: actor.laCode };
}

/** The user's live personal tokens, newest first. */
export async function listPersonalTokens(db: Kysely<Schema>, userId: string): Promise<TokenSummary[]> {
  const now = new Date();
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'personal')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
  }));
}

/**
 * Issues a personal token for the actor's acting LA, audited. Returns the token (shown once).
 * @example const { token } = await createPersonalToken(db, actor, { name: 'reports', scopes: ['children:read'], expiresAt }, meta);
 */
export async function createPersonalToken(
  db: Kysely<Schema>,
  actor: Pick<Actor, 'userId' | 'organisationId' | 'laCode'>,
  input: { name: string; scopes: readonly ApiScope[]; expiresAt: Date },
  meta: RequestMeta,
): Promise<{ id: string; token: string }> {
  return inTenant(db, actor.laCode, async (tx) => {
    const issued = await issueApiToken(tx, {
      userId: actor.userId,
      actingLaCode: actor.laCode,
      kind: 'personal',
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt,
    });
    await recordAudit(tx, actor, meta, {
      action: 'auth.token_issue',
      outcome: 'success',
      recordType: 'api_token',
      recordId: issued.id,
      reason: `${input.name} (${input.scopes.join(' ')}) until ${input.expiresAt.toISOString()}`,
    });
    return issued;
  });
}

/** Revokes one of the actor's tokens; false when it is not theirs or already revoked. */
export async function revokePersonalToken(
  db: Kysely<Schema>,
  actor: Pick<Actor, 'userId' | 'organisationId' | 'laCode'>,
  tokenId: string,
  meta: RequestMeta,
): Promise<boolean> {
  const revoked = await revokeApiToken(db, tokenId, actor.userId);
  if (revoked)
    await auditAuthEvent(db, who(actor), meta, {
      action: 'auth.token_revoke',
      outcome: 'success',
      recordType: 'api_token',
      recordId: tokenId,
    });
  return revoked;
}
