/**
 * Time-limited accounts (inspectors): an account is found by email for another capability to name
 * on its work, and its access is made to end at a moment (never later than it already would).
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { auditWho } from './access.ts';

export interface AccountByEmail {
  id: string;
  name: string;
  roles: string[];
  accessEndsAt: Date | null;
  active: boolean;
}

/** The account with this email (any case), with its roles, or null. */
export async function accountByEmail(tx: Tx, email: string): Promise<AccountByEmail | null> {
  const u = await tx
    .selectFrom('users')
    .select([
      'id',
      'name',
      'active',
      'access_ends_at',
      sql<
        string[]
      >`coalesce((select array_agg(r.role) from user_roles r where r.user_id = users.id), '{}')`.as('roles'),
    ])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return u === undefined
    ? null
    : { id: u.id, name: u.name, roles: u.roles, accessEndsAt: u.access_ends_at, active: u.active };
}

/**
 * Makes an account time-limited to `endsAt`: its access ends then, unless it already ends later
 * (for other work). An account with no end gets this one. Audited as `admin.user_update`.
 */
export async function extendAccessTo(
  tx: Tx,
  actor: Actor,
  meta: RequestMeta,
  userId: string,
  endsAt: Date,
  why: string,
): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      access_ends_at: sql<Date>`case when access_ends_at is not null and access_ends_at > ${endsAt} then access_ends_at else ${endsAt} end`,
    })
    .where('id', '=', userId)
    .execute();
  await recordAudit(tx, auditWho(actor), meta, {
    action: 'admin.user_update',
    outcome: 'success',
    recordType: 'user',
    recordId: userId,
    reason: `access ends ${endsAt.toISOString()} (${why})`,
  });
}
