/**
 * Sign out everywhere: ends every session of the user and revokes their personal API tokens, in
 * one transaction with one audit event. Someone who signs out everywhere after losing a laptop
 * expects every credential they hold to stop working, and a personal token is one of them. The
 * client-credential tokens of partner systems are not the person's (they belong to an API client
 * an administrator manages) and are left alone.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Schema } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import type { RequestMeta } from '../actor.ts';

export interface SignOutEverywhereUser {
  userId: string;
  organisationId: string;
  laCode: string;
}

/** Returns how many sessions and personal tokens were ended. */
export async function signOutEverywhere(
  db: Kysely<Schema>,
  user: SignOutEverywhereUser,
  meta: RequestMeta,
): Promise<{ sessions: number; tokens: number }> {
  return inTenant(db, user.laCode, async (tx) => {
    const now = new Date();
    const s = await tx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', user.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const t = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', user.userId)
      .where('kind', '=', 'personal')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const counts = { sessions: Number(s.numUpdatedRows), tokens: Number(t.numUpdatedRows) };
    await recordAudit(tx, user, meta, {
      laCode: user.laCode,
      recordType: 'user',
      recordId: user.userId,
      action: 'auth.sign_out_everywhere',
      outcome: 'success',
      reason: `${counts.sessions} session(s) ended, ${counts.tokens} personal API token(s) revoked`,
    });
    return counts;
  });
}
