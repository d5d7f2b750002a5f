/** Temporary passwords set by an administrator: random, readable, long enough for the rules. */
import { randomInt } from 'node:crypto';

const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * Four groups of four characters from an unambiguous alphabet (about 79 bits).
 * @example temporaryPassword() // "k7mq-x2rt-9hwp-c4na"
 */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
