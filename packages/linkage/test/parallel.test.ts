import { describe, expect, it } from 'vitest';
import { buildBlocking, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { LinkageModel, weightFromProbability } from '../src/model.ts';
import { scoreAll } from '../src/parallel/score-parallel.ts';
import { RecordStore } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';

describe('scoring on worker threads', () => {
  it('finds exactly the pairs single-threaded scoring finds', async () => {
    const d = RecordStore.from(generatePeople({ size: 3000, seed: 4 })).data;
    const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
    const model = LinkageModel.untrained();
    const min = weightFromProbability(0.9);
    const one = await scoreAll(d, model, index, min, { workers: 1 });
    const two = await scoreAll(d, model, index, min, { workers: 2, minParallelComparisons: 0 });
    expect(two.threads).toBe(2);
    expect(two.comparisons).toBe(one.comparisons);
    const key = (p: typeof one.pairs) =>
      Array.from(
        { length: p.length },
        (_, k) => `${p.left[k]}-${p.right[k]}-${p.weight[k]!.toFixed(9)}`,
      ).sort();
    expect(key(two.pairs)).toEqual(key(one.pairs));
  });
});
