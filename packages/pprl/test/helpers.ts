import { generatePeople, type SyntheticRecord } from '@waypoint/linkage';
import type { PprlRecord } from '../src/normalise.ts';

export const SECRET = new TextEncoder().encode('test secret: 32 bytes, fictional');
export const OTHER_SECRET = new TextEncoder().encode('another secret, also fictional!!');

/** A synthetic record as the encoder takes it. */
export function toPprl(r: SyntheticRecord): PprlRecord {
  return {
    id: r.id,
    given_name: r.given_name ?? null,
    family_name: r.family_name ?? null,
    dob: typeof r.dob === 'string' ? r.dob : null,
    sex: r.sex ?? null,
    postcode: r.postcode ?? null,
    address: r.address ?? null,
    town: r.town ?? null,
    nhs_number: r.nhs_number ?? null,
    phone: r.phone ?? null,
  };
}

export function people(size: number, seed = 7): SyntheticRecord[] {
  return generatePeople({ size, seed });
}

/** Deterministic "random" bytes for tests of flipping. */
export function fixedBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
