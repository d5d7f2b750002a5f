import { describe, expect, it } from 'vitest';
import { Encoder } from '../src/encode.ts';
import { linkEncodings } from '../src/link.ts';
import { PprlIndex } from '../src/pprl-index.ts';
import { defaultSchema } from '../src/schema.ts';
import { VersionMismatchError } from '../src/store.ts';
import { OTHER_SECRET, people, SECRET, toPprl } from './helpers.ts';

const records = people(2000, 5).map(toPprl);
const truth = new Map(people(2000, 5).map((r) => [r.id, r.trueId]));

describe('query against an index, and key rotation end to end', () => {
  it('finds a record’s other records among the same version only', () => {
    const old = new Encoder(defaultSchema(), SECRET);
    const index = new PprlIndex();
    for (const r of records.slice(1)) index.add(old.encode(r));
    const q = old.encode(records[0]!);
    const found = index.query(q, { threshold: 0.75, limit: 5 });
    const want = records.slice(1).filter((r) => truth.get(r.id) === truth.get(records[0]!.id));
    for (const w of want) expect(found.map((f) => f.id)).toContain(w.id);
    // A query under another key is never compared with the old encodings.
    const rotated = new Encoder(defaultSchema(), OTHER_SECRET);
    expect(() => index.query(rotated.encode(records[0]!), { threshold: 0.75 })).toThrow(VersionMismatchError);
  });

  it('rotation: re-encode, hold both versions during the change, retire the old one', () => {
    const old = new Encoder(defaultSchema(), SECRET);
    const rotated = new Encoder(defaultSchema(), OTHER_SECRET);
    const index = new PprlIndex();
    for (const r of records) index.add(old.encode(r));
    // During the change: agencies re-encode under the new key; both versions are held.
    for (const r of records.slice(0, 1000)) index.add(rotated.encode(r));
    expect(
      index
        .held()
        .map((h) => h.encodings)
        .sort(),
    ).toEqual([1000, 2000]);
    const probe = records[1500]!;
    const oldHits = index.query(old.encode(probe), { threshold: 0.75 });
    expect(oldHits.map((h) => h.id)).toContain(probe.id);
    const newHits = index.query(rotated.encode(probe), { threshold: 0.75 });
    expect(newHits.map((h) => h.id)).not.toContain(probe.id); // not yet re-encoded under the new key
    for (const r of records.slice(1000)) index.add(rotated.encode(r));
    expect(index.query(rotated.encode(probe), { threshold: 0.75 }).map((h) => h.id)).toContain(probe.id);
    // The old version is retired: it can no longer be queried.
    expect(index.retire(old.encode(probe))).toBe(2000);
    expect(() => index.query(old.encode(probe), { threshold: 0.75 })).toThrow(VersionMismatchError);
    expect(index.held()).toHaveLength(1);
  });

  it('batch linking refuses encodings of two key versions, and links one to one', async () => {
    const a = new Encoder(defaultSchema(), SECRET);
    const b = new Encoder(defaultSchema(), OTHER_SECRET);
    await expect(linkEncodings([[a.encode(records[0]!)], [b.encode(records[1]!)]])).rejects.toThrow(
      VersionMismatchError,
    );
    const left = records.slice(0, 1000).map((r) => a.encode(r));
    const right = records.slice(1000).map((r) => a.encode(r));
    const result = await linkEncodings([left, right], { threshold: 0.75, workers: 1 });
    const ids = result.store.ids;
    expect(new Set(result.pairs.map((p) => p.left)).size).toBe(result.pairs.length);
    const correct = result.pairs.filter((p) => truth.get(ids[p.left]!) === truth.get(ids[p.right]!)).length;
    expect(correct / result.pairs.length).toBeGreaterThan(0.9);
  });

  it('scoring on worker threads gives the same pairs as one thread', async () => {
    const enc = new Encoder(defaultSchema(), SECRET);
    const all = records.map((r) => enc.encode(r));
    const one = await linkEncodings([all], { threshold: 0.7, workers: 1 });
    const two = await linkEncodings([all], { threshold: 0.7, workers: 2, minParallelComparisons: 0 });
    expect(two.stats.threads).toBe(2);
    const key = (r: typeof one): string[] =>
      r.pairs.map((p) => `${p.left}-${p.right}-${p.score.toFixed(5)}`).sort();
    expect(key(two)).toEqual(key(one));
  });
});
