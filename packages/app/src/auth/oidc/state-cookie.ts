/**
 * The short-lived cookie that carries an OpenID Connect login's state, nonce and PKCE verifier
 * from the redirect to the callback. Signed with HMAC-SHA256 under a key made when the process
 * starts, so it cannot be forged or altered; it expires after 10 minutes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const OIDC_STATE_COOKIE = 'waypoint_oidc';
export const OIDC_STATE_MAX_AGE_SECONDS = 600;
const key = randomBytes(32);

const stateSchema = z.object({
  laCode: z.string(),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  next: z.string(),
  expiresAt: z.number(),
});
export type OidcLoginState = z.infer<typeof stateSchema>;

function mac(payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** The cookie value for a login state. */
export function sealState(s: Omit<OidcLoginState, 'expiresAt'>, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ ...s, expiresAt: now + OIDC_STATE_MAX_AGE_SECONDS * 1000 }),
  ).toString('base64url');
  return `${payload}.${mac(payload)}`;
}

/** The login state in a cookie value, or null when it is missing, altered or expired. */
export function openState(value: string | undefined, now = Date.now()): OidcLoginState | null {
  if (value === undefined) return null;
  const [payload, given] = value.split('.');
  if (payload === undefined || given === undefined) return null;
  const expected = Buffer.from(mac(payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.expiresAt < now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
