/** Sign-in policy: lockout thresholds, and which step comes next for a user. */
import { needsTwoFactor } from '../../access/capabilities.ts';
import { isRole } from '../../access/roles.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type SignInStep = 'set_up_two_factor' | 'two_factor' | 'complete';

/** Two-factor is required for every role that can see children's data, and for anyone who set it up. */
export function requiresTwoFactor(roles: readonly string[], hasConfirmedTotp: boolean): boolean {
  return hasConfirmedTotp || needsTwoFactor(roles.filter(isRole));
}

/**
 * The step after a correct password.
 * @example nextStep(['social_worker'], false) // 'set_up_two_factor'
 */
export function nextStep(roles: readonly string[], hasConfirmedTotp: boolean): SignInStep {
  if (!requiresTwoFactor(roles, hasConfirmedTotp)) return 'complete';
  return hasConfirmedTotp ? 'two_factor' : 'set_up_two_factor';
}

/** The page for a step. */
export function stepPath(step: SignInStep, next: string): string {
  const q = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  switch (step) {
    case 'set_up_two_factor':
      return `/sign-in/set-up-two-factor${q}`;
    case 'two_factor':
      return `/sign-in/two-factor${q}`;
    case 'complete':
      return next;
  }
}

/**
 * Only a local path may be a redirect target after sign-in (no other site, no `//host`).
 * @example safeNext('/children/1') // '/children/1'; safeNext('https://evil.test') // '/'
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
    return '/';
  if (/[\r\n]/.test(next) || next.startsWith('/sign-in') || next.startsWith('/sign-out')) return '/';
  return next;
}
