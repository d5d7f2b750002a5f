import type { BlockingRule } from './blocking.ts';
import { PERSON_BLOCKING_RULES } from './blocking.ts';
import { explainPair, type PairExplanation } from './explain.ts';
import { type Guard, guard } from './guards.ts';
import { type LinkageModel, probabilityFromWeight } from './model.ts';
import type { PersonRecord } from './person.ts';
import { RecordStore } from './store.ts';

/** A record of the index that may be the same person as the one asked about. */
export interface Candidate {
  id: string;
  clusterId: string;
  matchWeight: number;
  matchProbability: number;
  /** At or above the threshold and not stopped by a guard. */
  isMatch: boolean;
  guard: Guard | null;
  /** Per-field levels and weights: the data for a waterfall chart. */
  explanation: PairExplanation;
}

/** What {@link LinkageIndex.add} did with a new record. */
export interface AddResult {
  id: string;
  /** The cluster the record is now in. */
  clusterId: string;
  /** True when no existing record matched and the record starts its own cluster. */
  isNewCluster: boolean;
  /** Matching records, best first. */
  matches: Candidate[];
  /** Clusters that the record joined together and that now carry `clusterId`. */
  merged: string[];
}

export interface LinkageIndexOptions {
  /** Match probability at or above which a candidate matches (default: the model's threshold). */
  threshold?: number;
  blockingRules?: readonly BlockingRule[];
  /** Keep at most one record of each source in a cluster. */
  oneToOne?: boolean;
}

/**
 * An in-memory linked set that grows one record at a time: a new record is compared only with the
 * records that share a blocking key with it, and joins the cluster of the records it matches (or
 * starts one), without re-running the whole job. Cannot-link guards (twins, siblings, two valid
 * NHS numbers) are respected when clusters are joined. This is what duplicate detection on creating
 * a person, fuzzy search and the involvement index use.
 *
 * @example
 * const index = new LinkageIndex(model);
 * index.add({ id: 'school-17', given_name: 'Katherine', family_name: 'Oyelaran', dob: '2015-03-07', postcode: 'LS11 5AB' });
 * const [best] = index.query({ id: 'probe', given_name: 'Kate', family_name: 'Oyelaran', dob: '2015-07-03' });
 * best.matchProbability; best.explanation.terms; // why
 * const r = index.add({ id: 'health-9', given_name: 'Kate', family_name: 'Oyelaran', dob: '2015-03-07' });
 * r.clusterId; // 'school-17': joined the existing cluster
 */
export class LinkageIndex {
  readonly store = new RecordStore();
  readonly threshold: number;
  private readonly rules: readonly BlockingRule[];
  private readonly blocks: Map<string | number, number[]>[];
  private readonly byId = new Map<string, number>();
  private readonly clusterOf: string[] = [];
  private readonly members = new Map<string | number, number[]>();
  private readonly links: number[][] = [];
  private readonly removed = new Set<number>();

  constructor(
    readonly model: LinkageModel,
    private readonly options: LinkageIndexOptions = {},
  ) {
    this.threshold = options.threshold ?? model.json.threshold;
    this.rules = options.blockingRules ?? PERSON_BLOCKING_RULES;
    this.blocks = this.rules.map(() => new Map<string | number, number[]>());
  }

  /** Number of records held. */
  get size(): number {
    return this.byId.size;
  }

  /**
   * Records that may be the same person as `record`, best first, without adding it.
   * @param limit most candidates returned (default 10)
   * @param minProbability leave out candidates below this probability (default 0)
   */
  query(record: PersonRecord, { limit = 10, minProbability = 0 } = {}): Candidate[] {
    const i = this.store.add(record);
    try {
      return this.candidates(i, limit, minProbability);
    } finally {
      this.store.pop();
    }
  }

  /** Add a record, match it and place it in a cluster. Throws if its id is already held. */
  add(record: PersonRecord): AddResult {
    if (this.byId.has(record.id)) throw new Error(`record id "${record.id}" is already in the index`);
    const i = this.insert(record, record.id);
    const matches = this.candidates(i, Infinity, 0).filter((c) => c.isMatch);
    const merged: string[] = [];
    for (const m of matches) {
      const j = this.byId.get(m.id)!;
      this.links[i]!.push(j);
      this.links[j]!.push(i);
      const a = this.clusterOf[i]!;
      const b = this.clusterOf[j]!;
      if (a === b || this.conflict(a, b)) continue;
      const kept = this.join(a, b);
      merged.push(kept === a ? b : a);
    }
    const clusterId = this.clusterOf[i]!;
    return {
      id: record.id,
      clusterId,
      isNewCluster: this.members.get(clusterId)!.length === 1,
      matches,
      merged: merged.filter((c) => c !== clusterId && c !== record.id),
    };
  }

  /**
   * Load a record that is already linked (from an earlier run or the app's database) into
   * `clusterId` (or its own cluster) without matching it. Returns its cluster id.
   */
  addLinked(record: PersonRecord, clusterId?: string): string {
    if (this.byId.has(record.id)) throw new Error(`record id "${record.id}" is already in the index`);
    const i = this.insert(record, clusterId ?? record.id);
    return this.clusterOf[i]!;
  }

  /** Remove a record; its cluster is split if the record held it together. Returns the cluster ids it leaves behind. */
  remove(id: string): string[] {
    const i = this.byId.get(id);
    if (i === undefined) return [];
    const d = this.store.data;
    this.removed.add(i);
    this.byId.delete(id);
    this.store.uncount(i);
    this.rules.forEach((rule, r) => {
      const key = rule.key(d, i);
      const list = key === null ? undefined : this.blocks[r]!.get(key);
      if (list) list.splice(list.indexOf(i), 1);
    });
    for (const j of this.links[i]!) this.links[j] = this.links[j]!.filter((x) => x !== i);
    this.links[i] = [];
    const cluster = this.clusterOf[i]!;
    const rest = this.members.get(cluster)!.filter((x) => x !== i);
    this.members.delete(cluster);
    // Split what is left into the pieces its links still hold together; the first keeps the id.
    const out: string[] = [];
    const seen = new Set<number>();
    for (const start of rest) {
      if (seen.has(start)) continue;
      const piece: number[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length > 0) {
        const x = stack.pop()!;
        piece.push(x);
        for (const y of this.links[x]!)
          if (!seen.has(y) && this.clusterOf[y] === cluster) {
            seen.add(y);
            stack.push(y);
          }
      }
      const pieceId = out.length === 0 ? cluster : this.freshId(d.ids[piece[0]!]!);
      for (const x of piece) this.clusterOf[x] = pieceId;
      this.members.set(
        pieceId,
        piece.sort((a, b) => a - b),
      );
      out.push(pieceId);
    }
    return out;
  }

  /** The cluster id of a record, or undefined when the index does not hold it. */
  clusterIdOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.clusterOf[i];
  }

  /** Ids of the records in a cluster. */
  cluster(clusterId: string): string[] {
    return (this.members.get(clusterId) ?? []).map((i) => this.store.data.ids[i]!);
  }

  /** Explain the pair of two held records. */
  explain(idA: string, idB: string): PairExplanation {
    const i = this.byId.get(idA);
    const j = this.byId.get(idB);
    if (i === undefined || j === undefined) throw new Error('both records must be in the index');
    return explainPair(this.model, this.store.data, i, j, this.threshold);
  }

  private insert(record: PersonRecord, clusterId: string): number {
    const i = this.store.add(record);
    const d = this.store.data;
    this.byId.set(record.id, i);
    this.rules.forEach((rule, r) => {
      const key = rule.key(d, i);
      if (key === null) return;
      const list = this.blocks[r]!.get(key);
      if (list) list.push(i);
      else this.blocks[r]!.set(key, [i]);
    });
    this.links[i] = [];
    this.clusterOf[i] = clusterId;
    const m = this.members.get(clusterId);
    if (m) m.push(i);
    else this.members.set(clusterId, [i]);
    return i;
  }

  private candidates(i: number, limit: number, minProbability: number): Candidate[] {
    const d = this.store.data;
    const seen = new Set<number>();
    this.rules.forEach((rule, r) => {
      const key = rule.key(d, i);
      if (key === null) return;
      const probe = rule.probe?.(d, i) ?? true;
      for (const j of this.blocks[r]!.get(key) ?? [])
        if (j !== i && !this.removed.has(j) && (probe || rule.probe!(d, j))) seen.add(j);
    });
    const scored = [...seen]
      .map((j) => ({ j, w: this.model.score(d, j, i) }))
      .filter((c) => probabilityFromWeight(c.w) >= minProbability)
      .sort((a, b) => b.w - a.w)
      .slice(0, limit);
    return scored.map(({ j, w }) => {
      const g = guard(d, j, i);
      const p = probabilityFromWeight(w);
      return {
        id: d.ids[j]!,
        clusterId: this.clusterOf[j]!,
        matchWeight: w,
        matchProbability: p,
        guard: g,
        isMatch: g === null && p >= this.threshold,
        explanation: explainPair(this.model, d, j, i, this.threshold),
      };
    });
  }

  private conflict(a: string, b: string): boolean {
    const d = this.store.data;
    for (const x of this.members.get(a)!) {
      for (const y of this.members.get(b)!) {
        if (this.options.oneToOne && d.source[x] === d.source[y]) return true;
        if (guard(d, x, y) !== null) return true;
      }
    }
    return false;
  }

  /** Join two clusters; the larger (or, if equal, the one holding the older record) keeps its id. */
  private join(a: string, b: string): string {
    const ma = this.members.get(a)!;
    const mb = this.members.get(b)!;
    const [keep, drop] =
      ma.length > mb.length || (ma.length === mb.length && ma[0]! < mb[0]!) ? [a, b] : [b, a];
    const mk = this.members.get(keep)!;
    for (const x of this.members.get(drop)!) {
      this.clusterOf[x] = keep;
      mk.push(x);
    }
    mk.sort((x, y) => x - y);
    this.members.delete(drop);
    return keep;
  }

  private freshId(base: string): string {
    let id = base;
    for (let k = 2; this.members.has(id); k++) id = `${base}~${k}`;
    return id;
  }
}
