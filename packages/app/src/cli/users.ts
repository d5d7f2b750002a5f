/**
 * `waypoint users list [--json]` and `waypoint users token --email EMAIL [--expires 1h] [--scope S…]`:
 * user administration for scripts. The token is printed once, on stdout, and its issue is audited.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { apiScopes, ScopeNotAllowedError, type ApiScope } from '../auth/api-tokens.ts';
import { createPersonalToken } from '../auth/account/personal-tokens.ts';
import { createApiClient, revokeApiClient } from '../auth/clients.ts';
import { findAccountByEmail } from '../auth/sign-in/account.ts';
import type { Schema } from '../db/schema.ts';
import { migrate } from '../db/migrate.ts';
import { exitOnKnownError, openFromEnv } from './context.ts';

/** A usage error: one line on stderr, exit code 2. */
function usage(message: string): never {
  process.stderr.write(`waypoint users: ${message}\n`);
  process.exit(2);
}

/**
 * Parses "30m", "1h", "7d" into milliseconds; null when it is not a duration.
 * @example parseDuration('1h') // 3600000
 */
export function parseDuration(s: string): number | null {
  const m = /^(\d{1,6})(m|h|d)$/.exec(s.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  if (n <= 0) return null;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  const ms = n * unit;
  return ms > 366 * 86_400_000 ? null : ms;
}

export interface UserListEntry {
  email: string;
  name: string;
  role: string;
  organisation: string;
  laCode: string;
  active: boolean;
}

/** Every user, by LA then email, with roles comma-joined. */
export async function listAllUsers(db: Kysely<Schema>): Promise<UserListEntry[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.email',
      'u.name',
      'o.name as organisation',
      'u.la_code',
      'u.active',
      sql<string>`coalesce((select string_agg(r.role, ',' order by r.role) from user_roles r where r.user_id = u.id), '')`.as(
        'role',
      ),
    ])
    .orderBy('u.la_code')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    name: r.name,
    role: r.role,
    organisation: r.organisation,
    laCode: r.la_code,
    active: r.active,
  }));
}

async function withDatabase<T>(fn: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
  const { database } = await openFromEnv();
  try {
    await migrate(database.db);
    return await fn(database.db);
  } catch (err) {
    await database.close();
    return exitOnKnownError(err);
  } finally {
    await database.close();
  }
}

export async function listCommand(opts: { json?: boolean }): Promise<void> {
  const users = await withDatabase(listAllUsers);
  if (opts.json === true) {
    process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
    return;
  }
  for (const u of users)
    process.stdout.write(
      `${u.laCode}  ${u.email}  ${u.name}  ${u.role}  ${u.organisation}${u.active ? '' : '  (deactivated)'}\n`,
    );
}

export async function tokenCommand(opts: { email: string; expires: string; scope: string[] }): Promise<void> {
  const ms = parseDuration(opts.expires);
  if (ms === null)
    usage(`--expires must be a duration like 30m, 1h or 7d, at most a year (got "${opts.expires}")`);
  const bad = opts.scope.find((s) => !(apiScopes as readonly string[]).includes(s));
  if (bad !== undefined) usage(`unknown scope "${bad}" (scopes: ${apiScopes.join(', ')})`);
  const token = await withDatabase(async (db) => {
    const account = await findAccountByEmail(db, opts.email);
    if (account === null) return null;
    if (!account.active) return 'inactive' as const;
    const actor = { userId: account.id, organisationId: account.organisation_id, laCode: account.la_code };
    const meta = { ip: null, requestId: `cli:users-token:${process.pid}` };
    try {
      const issued = await createPersonalToken(
        db,
        actor,
        { name: 'command line', scopes: opts.scope as ApiScope[], expiresAt: new Date(Date.now() + ms) },
        meta,
      );
      return issued.token;
    } catch (err) {
      if (err instanceof ScopeNotAllowedError) return { refused: err.message };
      throw err;
    }
  });
  if (token === null) usage(`no user with email "${opts.email}"`);
  if (token === 'inactive') usage(`the user "${opts.email}" is deactivated`);
  if (typeof token === 'object') usage(token.refused);
  process.stdout.write(`${token}\n`);
}

export async function clientCommand(opts: { email: string; name: string; scope: string[] }): Promise<void> {
  const bad = opts.scope.find((s) => !(apiScopes as readonly string[]).includes(s));
  if (bad !== undefined) usage(`unknown scope "${bad}" (scopes: ${apiScopes.join(', ')})`);
  if (opts.name.trim() === '') usage('--name must not be empty');
  const created = await withDatabase(async (db) => {
    const account = await findAccountByEmail(db, opts.email);
    if (account === null || !account.active) return null;
    const meta = { ip: null, requestId: `cli:users-client:${process.pid}` };
    try {
      return await createApiClient(
        db,
        { userId: account.id, name: opts.name.trim(), scopes: opts.scope as ApiScope[] },
        meta,
      );
    } catch (err) {
      if (err instanceof ScopeNotAllowedError) return { refused: err.message };
      throw err;
    }
  });
  if (created === null) usage(`no active user with email "${opts.email}"`);
  if ('refused' in created) usage(created.refused);
  process.stdout.write(`client_id=${created.clientId}\nclient_secret=${created.clientSecret}\n`);
}

export async function revokeClientCommand(opts: { clientId: string }): Promise<void> {
  const revoked = await withDatabase((db) => revokeApiClient(db, opts.clientId));
  if (!revoked) usage(`no active client "${opts.clientId}"`);
  process.stdout.write(`Revoked ${opts.clientId} and its tokens.\n`);
}
