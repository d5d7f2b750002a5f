/**
 * Sessions at the edges of sign-in. The session id is rotated at every step: a new session row is
 * created and the one the browser had before is revoked, so a fixed or stolen pre-sign-in id is
 * worthless afterwards.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Schema } from '../../db/schema.ts';
import type { RequestMeta } from '../actor.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import { sha256 } from '../secrets.ts';
import { createSession, revokeSession } from '../sessions.ts';
import type { SignInAccount } from './account.ts';

export interface SessionContext {
  db: Kysely<Schema>;
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>;
  meta: RequestMeta;
  userAgent: string | null;
  /** The session cookie the browser sent, if any: revoked when a new one is issued. */
  previousCookie: string | undefined;
}

/** Starts a session; `verified` when sign-in is complete, otherwise it waits for two-factor. */
export async function rotateSession(
  ctx: SessionContext,
  account: Pick<SignInAccount, 'id' | 'la_code'>,
  verified: boolean,
): Promise<string> {
  if (ctx.previousCookie !== undefined) await revokeSession(ctx.db, sha256(ctx.previousCookie));
  return createSession(
    ctx.db,
    {
      userId: account.id,
      actingLaCode: account.la_code,
      mfaVerified: verified,
      ip: ctx.meta.ip,
      userAgent: ctx.userAgent,
    },
    { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours },
  );
}

/**
 * Completes sign-in: clears the failure count, audits success, and returns a new verified session.
 * @example const cookie = await completeSignIn(ctx, account, 'password and two-factor');
 */
export async function completeSignIn(
  ctx: SessionContext,
  account: SignInAccount,
  how: string,
): Promise<string> {
  await auditAuthEvent(
    ctx.db,
    account,
    ctx.meta,
    { action: 'auth.sign_in', outcome: 'success', reason: how },
    async (tx) => {
      await tx
        .updateTable('users')
        .set({ failed_sign_ins: 0, locked_until: null })
        .where('id', '=', account.id)
        .execute();
    },
  );
  return rotateSession(ctx, account, true);
}
