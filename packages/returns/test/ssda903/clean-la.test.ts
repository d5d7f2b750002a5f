/**
 * A clean record gives a clean return: the 903 files built from a generated authority draw no
 * finding from any of the rules, in each year.
 */
import { describe, expect, it } from 'vitest';
import { generateInput } from '../../src/generate/generate.ts';
import { build903 } from '../../src/ssda903/build.ts';
import { validate903Return } from '../../src/ssda903/validate/validate.ts';
import { rules903For } from '../../src/ssda903/validate/validate.ts';
import type { CollectionYear } from '../../src/years.ts';

const count = (issues: { rule: string }[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.rule] = (out[i.rule] ?? 0) + 1;
  return out;
};

describe('903 from a clean generated authority', () => {
  for (const [year, seed] of [
    ['2025-26', 11],
    ['2024-25', 12],
    ['2023-24', 13],
  ] as [CollectionYear, number][]) {
    it(`${year}: no findings from the ${rules903For(year).length} rules`, () => {
      const input = generateInput({ children: 6000, seed, year });
      const tables = build903(input, year);
      expect(tables.Header.length).toBeGreaterThan(300);
      expect(tables.OC2.length).toBeGreaterThan(100);
      expect(tables.PrevPerm.length).toBeGreaterThan(50);
      const report = validate903Return(tables, { year, laCode: input.laCode });
      expect(count(report.issues)).toEqual({});
      // Rules left out need last year's return, the Ofsted lists or postcodes, none of which this has.
      expect(report.skipped.every((s) => /last year|Ofsted|postcode/.test(s.reason))).toBe(true);
    });
  }
});
