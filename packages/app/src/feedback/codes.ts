/**
 * Feedback codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
 * `ABCDE-23456`, typed in any case with or without the dash. Only the SHA-256 of the canonical
 * code is stored; the code itself exists only in the message or the printed slip.
 */
import { createHash, randomInt } from 'node:crypto';

const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const length = 10;

/** A new random code, canonical (no dash). */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < length; i++) code += alphabet.charAt(randomInt(alphabet.length));
  return code;
}

/** The code as typed, canonical (upper case, no spaces or dashes), or undefined when it cannot be one. */
export function canonicalCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{10}$/.test(code) ? code : undefined;
}

/** The code as people read it: `ABCDE-23456`. */
export function displayCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What is stored: the SHA-256 (hex) of the canonical code. */
export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
