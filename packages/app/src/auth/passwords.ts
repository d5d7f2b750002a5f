/**
 * Local account passwords: argon2id hashes (OWASP parameters) and the NCSC-style rules: a minimum
 * length, a deny-list of common passwords, and no composition rules ("one capital, one symbol").
 * The deny-list is the zxcvbn-ts common-passwords dictionary (about 30,000 leaked passwords).
 */
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
const argonOptions = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Hashes a password with argon2id.
 * @example const h = await hashPassword('correct horse battery staple'); // "$argon2id$v=19$…"
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** True when `password` matches the stored hash; false for a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random value, verified against when the email is unknown, so timing tells nothing. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * Checks a new password against the rules. Returns a message for the person, or null when it is fine.
 * @example passwordProblem('password1234', { email: 'a@b.test' }) // "That password is too common…"
 */
export function passwordProblem(password: string, who: { email: string; name?: string }): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  const collapsed = lower.replace(/[\s\d!?.]+$/, '');
  if (commonPasswords.has(lower) || commonPasswords.has(collapsed) || /^(.)\1+$/.test(lower))
    return 'That password is too common. Choose something harder to guess, such as three random words';
  const local = who.email.toLowerCase().split('@')[0] ?? '';
  if ((local.length >= 4 && lower.includes(local)) || lower.includes('waypoint'))
    return 'Password must not contain your email address or the name of the service';
  return null;
}
