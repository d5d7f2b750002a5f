import { guard } from './guards.ts';
import type { PairList } from './pairs.ts';
import type { StoreData } from './store.ts';

export interface ClusterOptions {
  /** A cluster may hold at most one record from each source (one-to-one linking of sources). */
  oneToOne?: boolean;
}

/**
 * Group records into clusters: connected components of the matched pairs, built by joining pairs
 * from the highest weight down and refusing any join that would put two records a cannot-link
 * guard separates (twins, siblings, two valid NHS numbers) in one cluster, or, with `oneToOne`,
 * two records of one source. Without refusals this is exactly connected components; with two
 * sources and `oneToOne` it is the greedy one-to-one assignment.
 *
 * Returns, for every record, the index of its cluster's first record (its representative).
 *
 * @example
 * const rep = clusterPairs(store.data, pairs, { oneToOne: true });
 * store.data.ids[rep[5]] // the cluster id of record 5
 */
export function clusterPairs(d: StoreData, pairs: PairList, options: ClusterOptions = {}): Int32Array {
  const n = d.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const members: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const list = (root: number): number[] => members[root] ?? [root];
  const conflict = (a: number[], b: number[]): boolean => {
    for (const x of a) {
      for (const y of b) {
        if (options.oneToOne && d.source[x] === d.source[y]) return true;
        if (guard(d, x, y) !== null) return true;
      }
    }
    return false;
  };
  for (const k of pairs.byWeight()) {
    const a = find(pairs.left[k]!);
    const b = find(pairs.right[k]!);
    if (a === b) continue;
    const la = list(a);
    const lb = list(b);
    if (conflict(la, lb)) continue;
    const [big, small, bigList, smallList] = la.length >= lb.length ? [a, b, la, lb] : [b, a, lb, la];
    parent[small] = big;
    for (const x of smallList) bigList.push(x);
    members[big] = bigList;
    members[small] = undefined;
  }
  const rep = new Int32Array(n).fill(-1);
  const first = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (first[root] === -1) first[root] = i;
    rep[i] = first[root]!;
  }
  return rep;
}
