import { generatePeople, type SyntheticRecord } from '@waypoint/linkage';
import { pprlRecordOf } from '../src/synthetic.ts';

export const SECRET = new TextEncoder().encode('test secret: 32 bytes, fictional');
export const OTHER_SECRET = new TextEncoder().encode('another secret, also fictional!!');

/** A synthetic record as the encoder takes it. */
export const toPprl = pprlRecordOf;

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
