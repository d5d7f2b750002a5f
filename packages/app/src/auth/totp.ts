/**
 * Time-based one-time passwords (RFC 6238, 30-second steps, 6 digits, SHA-1: what every
 * authenticator app supports). A code is accepted one step either side of now, and never twice:
 * the last accepted step is stored with the user.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totpFor(secretBase32: string, label = 'Waypoint'): TOTP {
  return new TOTP({
    issuer: 'Waypoint',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits) in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * Checks a code. Returns the time step it belongs to, or null when it is wrong or was already used
 * (its step is not after `lastStep`).
 * @example const step = verifyTotp(secret, '123456', user.totp_last_step);
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code for a secret (tests and the demo hint use it). */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}

/** The otpauth:// URI an authenticator app scans, and that URI as a QR code SVG data URL (made locally). */
export async function totpEnrolment(
  secretBase32: string,
  email: string,
): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totpFor(secretBase32, email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
