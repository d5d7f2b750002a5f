import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockCount, buildBlocking, forEachPair, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { guard } from '../src/guards.ts';
import { Kernel, kernelData, kernelWeights } from '../src/kernel.ts';
import { LinkageModel, weightFromProbability } from '../src/model.ts';
import { PairCache } from '../src/pair-cache.ts';
import { PairList } from '../src/pairs.ts';
import type { PersonRecord } from '../src/person.ts';
import { planTasks, scoreTasks } from '../src/score.ts';
import { RecordStore, type StoreData } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { trainModel } from '../src/training/train.ts';

// One pool for given and family names, so names can be swapped, mistyped or short forms.
const name = fc.option(
  fc.constantFrom(
    'Oliver',
    'Olivver',
    'Olly',
    'Smith',
    'Smiht',
    'Smith-Jones',
    'Jones',
    'Kate',
    'Katherine',
    'Ava',
  ),
  { nil: null },
);
const record = fc.record({
  given_name: name,
  family_name: name,
  dob: fc.option(
    fc.constantFrom('2015-03-07', '2015-07-03', '2015-03-08', '2016-03-07', '2016-11-30', '2009-01-01'),
    {
      nil: null,
    },
  ),
  sex: fc.option(fc.constantFrom('M', 'F'), { nil: null }),
  postcode: fc.option(fc.constantFrom('LS11 5AB', 'LS11 5XY', 'LS11 8AB', 'M1 1AA', 'not a postcode'), {
    nil: null,
  }),
  address: fc.option(fc.constantFrom('1 High Street', '1 High St', '1 Hihg Street', '40 Park Road'), {
    nil: null,
  }),
  town: fc.option(fc.constantFrom('Leeds', 'Manchester'), { nil: null }),
  nhs_number: fc.option(fc.constantFrom('9434765919', '9434765918', '9434765991', '4010232137'), {
    nil: null,
  }),
  phone: fc.option(fc.constantFrom('07700900123', '07700900999'), { nil: null }),
  email: fc.option(fc.constantFrom('a@example.org', 'b@example.org'), { nil: null }),
});

const trained = trainModel(
  RecordStore.from(generatePeople({ size: 3000, seed: 5 })).data,
  LinkageModel.untrained(),
  { uSamplePairs: 100_000 },
);
const models = [
  LinkageModel.untrained(),
  trained,
  LinkageModel.untrained(['given_name', 'dob', 'home']),
  LinkageModel.untrained(['family_name', 'sex', 'nhs_number']),
];

function kernelFor(d: StoreData, model: LinkageModel): Kernel {
  return new Kernel(kernelData(d), kernelWeights(model, d.names));
}

describe('scoring kernel', () => {
  it('gives the weight and guard of the reference comparisons for any pair', () => {
    fc.assert(
      fc.property(record, record, fc.double({ min: -30, max: 30, noNaN: true }), (a, b, minWeight) => {
        const d = RecordStore.from([
          { id: 'a', ...a },
          { id: 'b', ...b },
        ] as PersonRecord[]).data;
        for (const m of models) {
          const k = kernelFor(d, m);
          const w = m.score(d, 0, 1);
          expect(k.scoreAtLeast(0, 1, -Infinity)).toBeCloseTo(w, 9);
          const atLeast = k.scoreAtLeast(0, 1, minWeight);
          if (w >= minWeight + 1e-9) expect(atLeast).toBeCloseTo(w, 9);
          if (w < minWeight - 1e-9) expect(atLeast).toBeLessThan(minWeight);
        }
        expect(kernelFor(d, models[0]!).guarded(0, 1)).toBe(guard(d, 0, 1) !== null);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the reference on every pair of synthetic records', () => {
    const d = RecordStore.from(generatePeople({ size: 400, seed: 21 })).data;
    const k = kernelFor(d, trained);
    for (let i = 0; i < d.size; i++)
      for (let j = i + 1; j < d.size; j++) {
        expect(k.scoreAtLeast(i, j, -Infinity)).toBeCloseTo(trained.score(d, i, j), 9);
        expect(k.guarded(i, j)).toBe(guard(d, i, j) !== null);
      }
  });

  it('keeps exactly the blocked pairs the reference scorer keeps', () => {
    const d = RecordStore.from(generatePeople({ size: 5000, seed: 8 })).data;
    const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
    const min = weightFromProbability(0.9);
    const fast = scoreTasks(kernelFor(d, trained), index, planTasks(index, 3), min);
    const slow = new PairList();
    let comparisons = 0;
    index.rules.forEach((_, r) => {
      forEachPair(d, index, r, 0, blockCount(index, r), (i, j) => {
        comparisons++;
        const w = trained.scoreAtLeast(d, i, j, min);
        if (w >= min && guard(d, i, j) === null) slow.push(i, j, w);
      });
    });
    expect(fast.comparisons).toBe(comparisons);
    const key = (p: PairList) =>
      Array.from(
        { length: p.length },
        (_, x) => `${p.left[x]}-${p.right[x]}-${p.weight[x]!.toFixed(6)}`,
      ).sort();
    expect(key(fast.pairs)).toEqual(key(slow));
  });
});

describe('pair cache', () => {
  it('remembers a byte per unordered pair, and survives growing and starting afresh', () => {
    const cache = new PairCache(5000);
    const seen = new Map<string, number>();
    for (let n = 0; n < 20_000; n++) {
      const a = (n * 7919) % 3001;
      const b = (n * 104729) % 2999;
      const v = 1 + (n % 255);
      cache.set(a, b, v);
      seen.set(`${Math.min(a, b)}:${Math.max(a, b)}`, v);
      expect(cache.get(b, a)).toBe(v);
    }
    expect(cache.size).toBeLessThanOrEqual(5000);
    let found = 0;
    for (const [k, v] of seen) {
      const [a, b] = k.split(':').map(Number) as [number, number];
      const got = cache.get(a, b);
      if (got !== 0) {
        expect(got).toBe(v);
        found++;
      }
    }
    expect(found).toBeGreaterThan(0);
    expect(new PairCache().get(1, 2)).toBe(0);
  });
});
