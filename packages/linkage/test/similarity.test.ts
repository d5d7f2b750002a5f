import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  damerauLevenshtein,
  jaro,
  jaroWinkler,
  levenshtein,
  withinEdits,
  withinOneEdit,
} from '../src/text/similarity.ts';

describe('jaro and jaroWinkler', () => {
  it('match the textbook values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaro('dwayne', 'duane')).toBeCloseTo(0.8222, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaro('dixon', 'dicksonx')).toBeCloseTo(0.7667, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });
  it('are 1 for equal strings and 0 with nothing in common or an empty string', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
  it('are symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const x = jaroWinkler(a, b);
        expect(x).toBeCloseTo(jaroWinkler(b, a), 12);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('edit distances', () => {
  it('levenshtein counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('ab', 'ba')).toBe(2);
  });
  it('damerauLevenshtein counts an adjacent transposition as one edit', () => {
    expect(damerauLevenshtein('ab', 'ba')).toBe(1);
    expect(damerauLevenshtein('jonh', 'john')).toBe(1);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3);
  });
  it('withinEdits stops early but agrees with the full distance', () => {
    expect(withinEdits('catherine', 'katherine', 1)).toBe(true);
    expect(withinEdits('catherine', 'kathryn', 2)).toBe(false);
    expect(withinEdits('smith', 'smyth', 2)).toBe(true);
  });
  it('withinOneEdit agrees with damerauLevenshtein ≤ 1', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 }),
        (a, b) => {
          expect(withinOneEdit(a, b)).toBe(damerauLevenshtein(a, b) <= 1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
