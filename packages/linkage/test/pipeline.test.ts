import { describe, expect, it } from 'vitest';
import { LinkageModel } from '../src/model.ts';
import { linkRecords } from '../src/pipeline.ts';
import { generatePeople } from '../src/synthetic/generate.ts';

describe('linkRecords end to end on synthetic records', () => {
  const records = generatePeople({ size: 4000, seed: 21 });

  it('trains without labels, reports convergence, and finds the true pairs', async () => {
    const r = await linkRecords(records, { mode: 'dedupe', training: { uSamplePairs: 200_000 } });
    const t = r.model.json.training!;
    expect(t.sessions.length).toBe(2);
    for (const s of t.sessions) {
      expect(s.iterations).toBeGreaterThan(0);
      expect(typeof s.converged).toBe('boolean');
    }
    expect(t.converged).toBe(t.sessions.every((s) => s.converged));
    const byId = new Map<string, number>();
    for (const x of records) byId.set(x.trueId, (byId.get(x.trueId) ?? 0) + 1);
    const truePairs = [...byId.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
    let tp = 0;
    for (const p of r.pairs.iterate(r.store.data))
      if (records[p.left]!.trueId === records[p.right]!.trueId) tp++;
    const precision = tp / r.pairs.length;
    const recall = tp / truePairs;
    expect(precision).toBeGreaterThan(0.95);
    expect(recall).toBeGreaterThan(0.9);
    expect(r.stats.comparisons).toBe(r.blocking.total);

    // The trained model reloads from JSON and scores the same.
    const again = await linkRecords(records, {
      model: LinkageModel.fromJSON(JSON.parse(JSON.stringify(r.model.toJSON()))),
    });
    expect(again.pairs.length).toBe(r.pairs.length);
  });

  it('links two sources one to one', async () => {
    const a = records.slice(0, 2000).map((x) => ({ ...x, source: 'A' }));
    const b = records.slice(2000).map((x) => ({ ...x, source: 'B' }));
    const r = await linkRecords([...a, ...b], { mode: 'link', training: { uSamplePairs: 100_000 } });
    const d = r.store.data;
    for (const p of r.pairs.iterate(d)) expect(d.source[p.left]).not.toBe(d.source[p.right]);
    const perCluster = new Map<number, Set<number>>();
    for (let i = 0; i < d.size; i++) {
      const s = perCluster.get(r.clusterOf[i]!) ?? new Set<number>();
      expect(s.has(d.source[i]!)).toBe(false);
      s.add(d.source[i]!);
      perCluster.set(r.clusterOf[i]!, s);
    }
  });
});
