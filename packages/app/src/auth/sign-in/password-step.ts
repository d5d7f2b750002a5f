/**
 * The first sign-in step: email and password. Unknown emails take as long as known ones and get
 * the same answer. A correct password does not sign anyone in by itself: it starts a session that
 * still has to pass two-factor when the user's roles need it.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Schema } from '../../db/schema.ts';
import type { RequestMeta } from '../actor.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import { verifyAgainstDummy, verifyPassword } from '../passwords.ts';
import { accountBar, findAccountByEmail, isLocked, type SignInAccount } from './account.ts';
import { claimAttempt, recordFailedAttempt, releaseAttempt } from './failures.ts';
import { nextStep, type SignInStep } from './policy.ts';

export type PasswordStepResult =
  | { kind: 'passed'; account: SignInAccount; step: SignInStep }
  | { kind: 'refused'; reason: 'invalid' | 'locked' | 'demo_in_production' };

/**
 * Checks an email and password, with lockout and audit.
 * @example const r = await passwordStep(db, config, 'a@b.test', 'secret…', meta);
 */
export async function passwordStep(
  db: Kysely<Schema>,
  config: Pick<Config, 'env'>,
  email: string,
  password: string,
  meta: RequestMeta,
): Promise<PasswordStepResult> {
  const account = await findAccountByEmail(db, email);
  if (account === null) {
    await verifyAgainstDummy(password);
    return { kind: 'refused', reason: 'invalid' };
  }
  const bar = accountBar(account, config.env);
  if (bar !== null || account.password_hash === null) {
    await verifyAgainstDummy(password);
    const reason = bar ?? 'no_password';
    await auditAuthEvent(db, account, meta, { action: 'auth.sign_in', outcome: 'denied', reason });
    return { kind: 'refused', reason: bar === 'demo_in_production' ? bar : 'invalid' };
  }
  // The attempt is counted before the password is checked, atomically (failures.ts), so a burst
  // of concurrent attempts cannot all be checked.
  const claim = isLocked(account) ? ({ claimed: false } as const) : await claimAttempt(db, account, meta);
  if (!claim.claimed) {
    // Takes as long as a check, so a locked account cannot be told from an unknown one by time.
    await verifyAgainstDummy(password);
    await auditAuthEvent(db, account, meta, { action: 'auth.sign_in', outcome: 'denied', reason: 'locked' });
    return { kind: 'refused', reason: 'locked' };
  }
  if (!(await verifyPassword(account.password_hash, password))) {
    const locked = await recordFailedAttempt(db, account, meta, claim, 'auth.sign_in', 'wrong password');
    return { kind: 'refused', reason: locked ? 'locked' : 'invalid' };
  }
  await releaseAttempt(db, account.id);
  return { kind: 'passed', account, step: nextStep(account.roles, account.totp_confirmed_at !== null) };
}
