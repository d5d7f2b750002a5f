import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guard } from '../src/guards.ts';
import { LinkageModel } from '../src/model.ts';
import type { PersonRecord } from '../src/person.ts';
import { RecordStore } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { trainModel } from '../src/training/train.ts';

// Given and family names come from separate pools, so a copied value can never make names "swapped".
const record = fc.record({
  given_name: fc.option(
    fc.constantFrom('Oliver', 'Olivia', 'Olly', 'Bill', 'William', 'Kate', 'Katie', 'Jon', 'John', 'Ava'),
    { nil: null },
  ),
  family_name: fc.option(
    fc.constantFrom('Smith', 'Smyth', 'Smith-Jones', 'Jones', 'Oyelaran', 'Thompson', 'Thomson'),
    { nil: null },
  ),
  dob: fc.option(
    fc.constantFrom('2015-03-07', '2015-07-03', '2015-03-08', '2016-03-07', '2015-11-30', '2009-01-01'),
    { nil: null },
  ),
  sex: fc.option(fc.constantFrom('M', 'F'), { nil: null }),
  postcode: fc.option(fc.constantFrom('LS11 5AB', 'LS11 5XY', 'LS11 8AB', 'M1 1AA'), { nil: null }),
  address: fc.option(fc.constantFrom('1 High Street', '1 High St', '40 Park Road'), { nil: null }),
  town: fc.option(fc.constantFrom('Leeds', 'Manchester'), { nil: null }),
  nhs_number: fc.option(fc.constantFrom('9434765919', '9434765918', '4010232137'), { nil: null }),
  phone: fc.option(fc.constantFrom('07700900123', '07700900999'), { nil: null }),
});
const fields = [
  'given_name',
  'family_name',
  'dob',
  'sex',
  'postcode',
  'address',
  'town',
  'nhs_number',
  'phone',
] as const;

const trained = trainModel(
  RecordStore.from(generatePeople({ size: 3000, seed: 5 })).data,
  LinkageModel.untrained(),
  { uSamplePairs: 100_000 },
);
const models = [LinkageModel.untrained(), trained];

describe('scoring properties', () => {
  it('is symmetric: score(a, b) = score(b, a), and so are the guards', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const d = RecordStore.from([
          { id: 'a', ...a },
          { id: 'b', ...b },
        ] as PersonRecord[]).data;
        for (const m of models) expect(m.score(d, 0, 1)).toBeCloseTo(m.score(d, 1, 0), 9);
        expect(guard(d, 0, 1)).toBe(guard(d, 1, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers a weight when one more field agrees', () => {
    fc.assert(
      fc.property(record, record, fc.constantFrom(...fields), (a, b, field) => {
        fc.pre(a[field] !== null);
        const agreeing = { ...b, [field]: a[field] };
        const d = RecordStore.from([
          { id: 'a', ...a },
          { id: 'b', ...b },
          { id: 'c', ...agreeing },
        ] as PersonRecord[]).data;
        for (const m of models) expect(m.score(d, 0, 2)).toBeGreaterThanOrEqual(m.score(d, 0, 1) - 1e-9);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps every trained weight ordered from strongest agreement to disagreement', () => {
    for (const m of models) {
      m.defs.forEach((def, c) => {
        const ordered = def.levels
          .map((l, k) => ({ l, k }))
          .filter(({ l }) => l.kind === 'level' && !l.unordered);
        for (let x = 1; x < ordered.length; x++)
          expect(m.weights[c]![ordered[x - 1]!.k]).toBeGreaterThanOrEqual(m.weights[c]![ordered[x]!.k]!);
      });
    }
  });
});
