/**
 * The second sign-in step: a TOTP code, for a session that passed the password (or for setting up
 * two-factor the first time). Wrong codes count towards the same lockout as wrong passwords.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Schema } from '../../db/schema.ts';
import type { RequestMeta } from '../actor.ts';
import type { AuditEventInput } from '../../audit/record-audit.ts';
import { auditAuthDecided } from '../audit-auth.ts';
import { openTotpSecret, sealTotpSecret, type SecretsConfig } from '../sealed-secrets.ts';
import { newTotpSecret, verifyTotp } from '../totp.ts';
import { accountBar, findAccountById, isLocked, type SignInAccount } from './account.ts';
import { claimAttempt, recordFailedAttempt, releaseAttempt } from './failures.ts';

export type TwoFactorResult =
  | { kind: 'passed'; account: SignInAccount }
  | { kind: 'refused'; reason: 'wrong_code' | 'locked' | 'not_allowed' };

/**
 * Checks a code against the user's secret (`mode: 'set_up'` confirms a new secret).
 * @example await twoFactorStep(db, config, session.userId, '123456', 'verify', meta)
 */
export async function twoFactorStep(
  db: Kysely<Schema>,
  config: Pick<Config, 'env'> & SecretsConfig,
  userId: string,
  code: string,
  mode: 'verify' | 'set_up',
  meta: RequestMeta,
): Promise<TwoFactorResult> {
  const account = await findAccountById(db, userId);
  if (account === null || accountBar(account, config.env) !== null || account.totp_secret === null)
    return { kind: 'refused', reason: 'not_allowed' };
  // Sealed with this installation's settings key; one that does not open (another key) cannot pass.
  const secret = openTotpSecret(config, account.id, account.totp_secret);
  if (secret === null) return { kind: 'refused', reason: 'not_allowed' };
  if ((mode === 'verify') !== (account.totp_confirmed_at !== null))
    return { kind: 'refused', reason: 'not_allowed' };
  if (isLocked(account)) return { kind: 'refused', reason: 'locked' };
  // Counted before the code is checked, atomically, as for passwords (failures.ts).
  const claim = await claimAttempt(db, account, meta);
  if (!claim.claimed) return { kind: 'refused', reason: 'locked' };
  const step = verifyTotp(secret, code, null);
  if (step !== null) await releaseAttempt(db, account.id);
  if (step === null) {
    const locked = await recordFailedAttempt(db, account, meta, claim, 'auth.two_factor', 'wrong code');
    return { kind: 'refused', reason: locked ? 'locked' : 'wrong_code' };
  }
  // The step is taken by one conditional update, so two requests with one code (a double submit, or
  // someone who saw it) cannot both pass: the second finds the step used, refused, not counted.
  const replayed: AuditEventInput = {
    action: 'auth.two_factor',
    outcome: 'denied',
    reason: 'code already used',
  };
  const passed: AuditEventInput = {
    action: mode === 'set_up' ? 'auth.two_factor_setup' : 'auth.two_factor',
    outcome: 'success',
  };
  const event = await auditAuthDecided(db, account, meta, async (tx) => {
    const taken = await tx
      .updateTable('users')
      .set({
        totp_last_step: step,
        ...(mode === 'set_up' ? { totp_confirmed_at: new Date() } : {}),
      })
      .where('id', '=', account.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return taken.numUpdatedRows === 0n ? replayed : passed;
  });
  if (event === replayed) return { kind: 'refused', reason: 'wrong_code' };
  return { kind: 'passed', account };
}

/**
 * The user's unconfirmed secret for set-up (in plaintext, to show once as a QR code), creating one
 * when there is none (or the stored one does not open); stored sealed.
 */
export async function pendingTotpSecret(
  db: Kysely<Schema>,
  config: SecretsConfig,
  userId: string,
): Promise<string | null> {
  const account = await findAccountById(db, userId);
  if (account === null || account.totp_confirmed_at !== null) return null;
  const stored = account.totp_secret === null ? null : openTotpSecret(config, userId, account.totp_secret);
  if (stored !== null) return stored;
  const secret = newTotpSecret();
  await db
    .updateTable('users')
    .set({ totp_secret: sealTotpSecret(config, userId, secret) })
    .where('id', '=', userId)
    .where('totp_confirmed_at', 'is', null)
    .execute();
  return secret;
}
