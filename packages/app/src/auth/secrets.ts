/** Random secrets and their one-way hashes: only hashes of session ids and tokens are stored. */
import { createHash, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
