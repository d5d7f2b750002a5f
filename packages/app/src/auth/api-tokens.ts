/**
 * Bearer tokens for the JSON API: personal access tokens and partner-system (client) tokens.
 * Scoped, expiring and revocable; only their hashes are stored. The token is shown once.
 */
import type { Kysely } from 'kysely';
import { can, type Capability } from '../access/capabilities.ts';
import { isRole } from '../access/roles.ts';
import type { Schema } from '../db/schema.ts';
import { newSecret, sha256 } from './secrets.ts';

export const apiScopes = [
  'children:read',
  'children:write',
  'audit:read',
  'involvement:read',
  'involvement:write',
  'cpis:read',
] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Scopes only holders of a capability may have: `cpis:read` is the unscheduled care clinician's alone. */
const scopeNeeds: Partial<Record<ApiScope, Capability>> = { 'cpis:read': 'check_cpis' };

/** The scopes a user with these roles may hold. */
export function scopesFor(roles: readonly string[]): ApiScope[] {
  const held = roles.filter(isRole);
  return apiScopes.filter((s) => {
    const need = scopeNeeds[s];
    return need === undefined || can(held, need);
  });
}

/** A token asked for a scope its user's roles may not hold. */
export class ScopeNotAllowedError extends Error {
  constructor(readonly scope: ApiScope) {
    super(`only an unscheduled care clinician may hold the ${scope} scope`);
  }
}

/** The first of `scopes` the user's roles may not hold (a capability's scope), or null. */
export async function scopeRefused(
  db: Kysely<Schema>,
  userId: string,
  scopes: readonly ApiScope[],
): Promise<ApiScope | null> {
  if (!scopes.some((s) => scopeNeeds[s] !== undefined)) return null;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  const allowed = scopesFor(roles.map((r) => r.role));
  return scopes.find((s) => !allowed.includes(s)) ?? null;
}

export interface IssueTokenInput {
  userId: string;
  actingLaCode: string;
  kind: 'personal' | 'client';
  name: string;
  scopes: readonly ApiScope[];
  expiresAt: Date | null;
}

export async function issueApiToken(
  db: Kysely<Schema>,
  input: IssueTokenInput,
): Promise<{ id: string; token: string }> {
  const refused = await scopeRefused(db, input.userId, input.scopes);
  if (refused !== null) throw new ScopeNotAllowedError(refused);
  const token = newSecret('wpt_');
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: input.userId,
      acting_la_code: input.actingLaCode,
      kind: input.kind,
      name: input.name,
      token_hash: sha256(token),
      scopes: [...input.scopes],
      expires_at: input.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export interface LiveToken {
  id: string;
  userId: string;
  actingLaCode: string;
  scopes: string[];
  kind: 'personal' | 'client';
  name: string;
}

export async function findLiveToken(db: Kysely<Schema>, token: string): Promise<LiveToken | null> {
  const now = new Date();
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .returning(['id', 'user_id', 'acting_la_code', 'scopes', 'kind', 'name'])
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    userId: row.user_id,
    actingLaCode: row.acting_la_code,
    scopes: row.scopes,
    kind: row.kind,
    name: row.name,
  };
}

export async function revokeApiToken(db: Kysely<Schema>, tokenId: string, userId: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
