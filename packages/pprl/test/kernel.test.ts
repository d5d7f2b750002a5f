import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dice, diceWords, popcount32, popcountBytes } from '../src/kernel/reference.ts';
import { instantiateKernel, sharedMemory } from '../src/kernel/wasm.ts';

function randomFilters(n: number, bytes: number, seed: number): Uint8Array[] {
  let x = seed;
  return Array.from({ length: n }, () =>
    Uint8Array.from({ length: bytes }, () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x >>> 24;
    }),
  );
}

describe('Dice kernel', () => {
  it('popcount32 agrees with counting bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        (x) => popcount32(x) === x.toString(2).replace(/0/g, '').length,
      ),
    );
  });
  it('WebAssembly and_range and and_list agree with the bit-by-bit reference', () => {
    for (const bytes of [32, 128, 256]) {
      const filters = randomFilters(50, bytes, bytes);
      const mem = sharedMemory(50 * bytes + 4096);
      const u8 = new Uint8Array(mem.buffer);
      filters.forEach((f, i) => {
        u8.set(f, i * bytes);
      });
      const k = instantiateKernel(mem);
      const out = 50 * bytes;
      k.and_range(0, bytes, 49, bytes, out);
      const counts = new Int32Array(mem.buffer, out, 49);
      for (let i = 0; i < 49; i++) {
        const both = filters[0]!.map((b, j) => b & filters[i + 1]![j]!);
        expect(counts[i]).toBe(popcountBytes(both));
      }
      const idx = new Int32Array(mem.buffer, out, 5);
      idx.set([7, 3, 49, 0, 21]);
      k.and_list(5 * bytes, 0, out, 5, bytes, out + 64);
      const got = new Int32Array(mem.buffer, out + 64, 5);
      [7, 3, 49, 0, 21].forEach((j, n) => {
        const both = filters[5]!.map((b, q) => b & filters[j]![q]!);
        expect(got[n]).toBe(popcountBytes(both));
      });
    }
  });
  it('the word kernel agrees with the reference', () => {
    const [a, b] = randomFilters(2, 128, 3);
    const wa = new Uint32Array(a!.buffer);
    const wb = new Uint32Array(b!.buffer);
    expect(diceWords(wa, 0, wb, 0, 32)).toBeCloseTo(dice(a!, b!), 12);
  });
  it('Dice is symmetric, in [0, 1], and 1 for identical non-empty filters', () => {
    const filter = fc.uint8Array({ minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(filter, filter, (a, b) => {
        const d = dice(a, b);
        expect(d).toBe(dice(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        if (a.some((x) => x !== 0)) expect(dice(a, a)).toBe(1);
      }),
    );
  });
});
