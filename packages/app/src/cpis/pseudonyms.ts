/**
 * The keyed pseudonyms a CP-IS flag is published and checked under, so the involvement index never
 * holds an NHS number: HMAC-SHA-256 under a key derived from the linkage secret with HKDF and
 * CP-IS's own label (so it is not the involvement encodings' key), of the canonical NHS number
 * (`nhsKey`), and of the number with the date of birth that confirms it (`dobKey`). The key's
 * identifier goes with every entry and check: the index compares only entries under one key, so
 * the secret can be rotated (publish again under the new key).
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { normaliseNhsNumber } from '@waypoint/identifiers';

/** HKDF's info for CP-IS, version 1: another label derives another, unrelated key. */
const LABEL = 'waypoint cpis nhs-number pseudonym v1';

export interface CpisPseudonyms {
  /** Identifies the key (not the key): `cpis-v1-` and 16 hex digits of an HMAC of a constant. */
  keyId: string;
  nhsKey(nhsNumber: string): string;
  dobKey(nhsNumber: string, dateOfBirth: string): string;
}

/** Canonical: ten digits, spaces and hyphens removed. @throws Error for anything else */
function canonicalNhs(nhsNumber: string): string {
  const n = normaliseNhsNumber(nhsNumber);
  if (n === null || !/^\d{10}$/.test(n)) throw new Error('not an NHS number');
  return n;
}

function canonicalDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('not a date YYYY-MM-DD');
  return date;
}

export function cpisPseudonyms(secret: Uint8Array): CpisPseudonyms {
  const key = Buffer.from(hkdfSync('sha256', secret, 'waypoint', LABEL, 32));
  const mac = (s: string) => createHmac('sha256', key).update(s, 'utf8').digest('hex');
  return {
    keyId: `cpis-v1-${mac('key id').slice(0, 16)}`,
    nhsKey: (nhs) => mac(`nhs:${canonicalNhs(nhs)}`),
    dobKey: (nhs, dob) => mac(`nhs-dob:${canonicalNhs(nhs)}|${canonicalDate(dob)}`),
  };
}
