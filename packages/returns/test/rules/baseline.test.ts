import { describe, expect, it } from 'vitest';
import { validateCinCensus } from '../../src/cin/validate/validate.ts';
import { COLLECTION_YEARS } from '../../src/years.ts';
import { baseCensus } from './harness.ts';

describe('the clean test census', () => {
  for (const year of COLLECTION_YEARS) {
    it(`has no issues in ${year}`, () => {
      expect(validateCinCensus(baseCensus(year), { year }).issues).toEqual([]);
    });
  }
});
