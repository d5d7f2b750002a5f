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

const LOCAL_ORIGIN = 'http://waypoint.invalid';

/**
 * The one check of a `next` redirect target (the password step, the two-factor steps and the
 * single sign-on return all use it): only a path on this site, never another site, whatever the
 * encoding. Browsers drop tabs and newlines inside URLs and read `\` as `/`, so `/\t/evil.example`
 * and `/\\evil.example` would both leave the site: any control character, whitespace or backslash
 * refuses the value, and the rest is resolved as a browser would (WHATWG URL) and must stay on
 * this origin and not begin with `//` after normalising (`/.//evil.example`).
 * @example safeNext('/children/1') // '/children/1'; safeNext('/\t/evil.example') // '/'
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]|\s/u.test(next)) return '/';
  if (!next.startsWith('/') || next.startsWith('//')) return '/';
  let url: URL;
  try {
    url = new URL(next, LOCAL_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== LOCAL_ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  if (path.startsWith('/sign-in') || path.startsWith('/sign-out')) return '/';
  return path;
}
