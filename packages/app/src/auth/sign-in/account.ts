/** The sign-in view of a user account: what the password and two-factor steps need to decide. */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

export interface SignInAccount {
  id: string;
  la_code: string;
  organisation_id: string;
  email: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_confirmed_at: Date | null;
  totp_last_step: number | null;
  failed_sign_ins: number;
  locked_until: Date | null;
  is_demo: boolean;
  active: boolean;
  access_ends_at: Date | null;
  roles: string[];
}

const columns = [
  'id',
  'la_code',
  'organisation_id',
  'email',
  'password_hash',
  'totp_secret',
  'totp_confirmed_at',
  'totp_last_step',
  'failed_sign_ins',
  'locked_until',
  'is_demo',
  'active',
  'access_ends_at',
] as const;

async function withRoles(
  db: Kysely<Schema>,
  row: Omit<SignInAccount, 'roles'> | undefined,
): Promise<SignInAccount | null> {
  if (row === undefined) return null;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', row.id).execute();
  return { ...row, roles: roles.map((r) => r.role) };
}

/** The account with this email (case-insensitive), or null. */
export async function findAccountByEmail(db: Kysely<Schema>, email: string): Promise<SignInAccount | null> {
  const row = await db
    .selectFrom('users')
    .select(columns)
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return withRoles(db, row);
}

export async function findAccountById(db: Kysely<Schema>, id: string): Promise<SignInAccount | null> {
  const row = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
  return withRoles(db, row);
}

/** Why an account may not sign in at all, whatever the password: null when it may. */
export function accountBar(
  a: SignInAccount,
  env: 'development' | 'test' | 'production',
  now = new Date(),
): 'inactive' | 'demo_in_production' | null {
  if (!a.active) return 'inactive';
  if (a.access_ends_at !== null && a.access_ends_at <= now) return 'inactive';
  if (a.is_demo && env === 'production') return 'demo_in_production';
  return null;
}

export function isLocked(a: SignInAccount, now = new Date()): boolean {
  return a.locked_until !== null && a.locked_until > now;
}
