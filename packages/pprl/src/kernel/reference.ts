/** Plain implementations the fast kernel is tested against, and the fallback for short filters. */

/** Set bits of a 32-bit word (SWAR). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Set bits of a byte array, one bit at a time (the reference). */
export function popcountBytes(a: Uint8Array): number {
  let n = 0;
  for (const byte of a) for (let b = 0; b < 8; b++) n += (byte >> b) & 1;
  return n;
}

/**
 * The Dice coefficient 2|A∩B| / (|A| + |B|) of two filters, bit by bit (the reference). Two empty
 * filters give 0: nothing in common is known.
 * @example dice(Uint8Array.of(0b11), Uint8Array.of(0b01)) // 2·1 / (2 + 1)
 */
export function dice(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError('filters of different lengths');
  let both = 0;
  let ones = 0;
  for (let k = 0; k < a.length; k++) {
    for (let bit = 0; bit < 8; bit++) {
      const x = (a[k]! >> bit) & 1;
      const y = (b[k]! >> bit) & 1;
      both += x & y;
      ones += x + y;
    }
  }
  return ones === 0 ? 0 : (2 * both) / ones;
}

/** Dice over 32-bit words with SWAR popcount: the JavaScript kernel. */
export function diceWords(a: Uint32Array, ao: number, b: Uint32Array, bo: number, words: number): number {
  let both = 0;
  let ones = 0;
  for (let w = 0; w < words; w++) {
    const x = a[ao + w]!;
    const y = b[bo + w]!;
    both += popcount32(x & y);
    ones += popcount32(x) + popcount32(y);
  }
  return ones === 0 ? 0 : (2 * both) / ones;
}
