import {
  type BlockingIndex,
  type BlockingRule,
  blockCount,
  blockPairs,
  buildBlocking,
  type LinkMode,
  PERSON_BLOCKING_RULES,
} from './blocking.ts';
import { guard } from './guards.ts';
import { type LinkageModel, weightFromProbability } from './model.ts';
import { Random } from '@waypoint/random';
import type { StoreData } from './store.ts';

const sound = (d: StoreData, name: number): number => (name < 0 ? -1 : d.names.dm1[name]!);

/** 32-bit FNV-1a of a string, salted: the hash family of the name-trigram LSH rules. */
function hash(s: string, salt: number): number {
  let h = (2166136261 ^ salt) >>> 0;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * MinHash of the trigrams of a record's given and family names (sorted, so swapped names agree),
 * `rows` hashes per band: two records land in the same block when every hash of the band agrees,
 * which for names that share most of their trigrams (two typos, one in each name) is likely and for
 * different names is not.
 */
const bandCaches = new WeakMap<StoreData, Map<number, number>>();

function trigramBand(d: StoreData, i: number, band: number, rows: number): number | null {
  const g = d.given[i]!;
  const f = d.family[i]!;
  if (g < 0 || f < 0) return null;
  let cache = bandCaches.get(d);
  if (!cache) bandCaches.set(d, (cache = new Map<number, number>()));
  const id = (g * 2 ** 21 + f) * 8 + band;
  const known = cache.get(id);
  if (known !== undefined) return known;
  const [a, b] = [d.names.values[g]!, d.names.values[f]!].sort() as [string, string];
  const text = ` ${a} ${b} `;
  let key = 0;
  for (let r = 0; r < rows; r++) {
    let min = 0xffffffff;
    for (let k = 0; k + 3 <= text.length; k++)
      min = Math.min(min, hash(text.slice(k, k + 3), band * 31 + r + 1));
    key = (key * 65521 + (min % 65521)) % 2 ** 40;
  }
  cache.set(id, key);
  return key;
}

/**
 * Rules tried after the built-in ones, each with one fact where that stays cheap: contact fields,
 * names alone, date of birth alone, and name trigrams for two typos at once. Whether each is used
 * depends on the data (see {@link chooseBlockingRules}).
 */
export const EXTRA_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'email', conditions: ['home'], key: (d, i) => (d.email[i]! >= 0 ? d.email[i]! : null) },
  {
    name: 'family_name + given_name initial',
    conditions: [],
    key: (d, i) =>
      d.family[i]! >= 0 && d.given[i]! >= 0
        ? d.family[i]! * 64 + (d.names.values[d.given[i]!]!.charCodeAt(0) % 64)
        : null,
  },
  {
    name: 'given_name + family_name sound (no date)',
    conditions: [],
    key: (d, i) => {
      const g = sound(d, d.given[i]!);
      const f = sound(d, d.family[i]!);
      return g >= 0 && f >= 0 ? (g < f ? g * 2 ** 21 + f : f * 2 ** 21 + g) : null;
    },
  },
  { name: 'dob', conditions: ['dob'], key: (d, i) => (d.dob[i] ? d.dob[i] : null) },
  { name: 'name trigrams (LSH band 1)', conditions: [], key: (d, i) => trigramBand(d, i, 1, 3) },
  { name: 'name trigrams (LSH band 2)', conditions: [], key: (d, i) => trigramBand(d, i, 2, 3) },
  { name: 'name trigrams (LSH band 3)', conditions: [], key: (d, i) => trigramBand(d, i, 3, 3) },
  {
    name: 'family_name + birth year',
    conditions: [],
    key: (d, i) =>
      d.family[i]! >= 0 && d.dob[i] ? d.family[i]! * 512 + (Math.floor(d.dob[i] / 10000) - 1800) : null,
  },
];

/** Why a candidate rule was or was not used. */
export interface RuleChoice {
  rule: string;
  used: boolean;
  /** Comparisons its blocks hold on their own (before removing pairs other rules found). */
  comparisons: number;
  reason: 'built in' | 'fits the budget' | 'no record has the fields' | 'over the comparison budget';
}

/** Default comparison budget: 20 per record, at least 250,000. */
export const defaultComparisonBudget = (records: number): number => Math.max(250_000, 20 * records);

/**
 * Choose blocking rules from the fields the data has and what each costs: the built-in rules
 * (each pairs records agreeing on two facts), then, in order, the extra single-fact rules (email,
 * family name with an initial, names' sound alone, date of birth alone, name-trigram LSH bands,
 * family name with birth year), cheapest first, while the comparisons of all chosen rules stay within `budget`. A
 * rule no record can be keyed by is left out. Returns the index of the chosen rules and, for
 * every candidate, what it would cost and why it was or was not used.
 *
 * @example const { index, choices } = chooseBlockingRules(store.data, 'dedupe');
 */
export function chooseBlockingRules(
  d: StoreData,
  mode: LinkMode,
  options: { budget?: number; base?: readonly BlockingRule[]; extra?: readonly BlockingRule[] } = {},
): { index: BlockingIndex; rules: BlockingRule[]; choices: RuleChoice[] } {
  const base = options.base ?? PERSON_BLOCKING_RULES;
  const extra = options.extra ?? EXTRA_BLOCKING_RULES;
  const budget = options.budget ?? defaultComparisonBudget(d.size);
  // Budgeted built-in rules are chosen as the extra ones are.
  const fixed = base.filter((r) => !r.budgeted);
  const all = [...fixed, ...base.filter((r) => r.budgeted), ...extra];
  const probe = buildBlocking(d, all, mode);
  const cost = all.map((_, r) => {
    let n = 0;
    for (let b = 0; b < blockCount(probe, r); b++) n += blockPairs(probe, r, b);
    return n;
  });
  const keyed = all.map((_, r) => probe.keys[r]!.some((k) => k >= 0));
  const chosen: number[] = [];
  const choices: RuleChoice[] = [];
  let spent = 0;
  // The built-in rules in their order, then the extra ones cheapest first.
  const order = all.map((_, r) => r);
  order.sort((a, b) => (a < fixed.length || b < fixed.length ? a - b : cost[a]! - cost[b]! || a - b));
  order.forEach((r) => {
    const rule = all[r]!;
    const isBase = r < fixed.length;
    if (!keyed[r]) {
      choices.push({ rule: rule.name, used: false, comparisons: 0, reason: 'no record has the fields' });
      return;
    }
    if (isBase || spent + cost[r]! <= budget) {
      chosen.push(r);
      spent += cost[r]!;
      choices.push({
        rule: rule.name,
        used: true,
        comparisons: cost[r]!,
        reason: isBase ? 'built in' : 'fits the budget',
      });
    } else
      choices.push({
        rule: rule.name,
        used: false,
        comparisons: cost[r]!,
        reason: 'over the comparison budget',
      });
  });
  const rules = chosen.map((r) => all[r]!);
  return { index: subIndex(d, probe, chosen), rules, choices };
}

/** The index of some of an index's rules, in the order given. */
function subIndex(d: StoreData, index: BlockingIndex, keep: readonly number[]): BlockingIndex {
  const R = keep.length;
  const keyRows = new Int32Array(new SharedArrayBuffer(Math.max(1, d.size * R) * 4));
  keep.forEach((r, q) => {
    const k = index.keys[r]!;
    for (let i = 0; i < d.size; i++) keyRows[i * R + q] = k[i]!;
  });
  return {
    rules: keep.map((r) => index.rules[r]!),
    keys: keep.map((r) => index.keys[r]!),
    keyRows,
    order: keep.map((r) => index.order[r]!),
    blocks: keep.map((r) => index.blocks[r]!),
    probe: keep.map((r) => index.probe[r]!),
    mode: index.mode,
  };
}

/** An estimate of the share of matches the blocking rules let through to scoring. */
export interface BlockingRecallEstimate {
  /** Σ p of candidate pairs the rules block / Σ p of all candidate pairs (1 when nothing was found). */
  recall: number;
  /** Records sampled, candidate pairs scored, and the expected matches among them. */
  sampledRecords: number;
  candidatePairs: number;
  expectedMatches: number;
  /** Of those, the expected matches no blocking rule pairs. */
  expectedMissed: number;
}

/** Candidate pairs count towards the estimate from this match probability up. */
export const LIKELY_MATCH = 0.5;

/** Most records of one wide-rule block a sampled record is compared with. */
const WIDE_BLOCK_CAP = 3000;

/**
 * Estimate blocking recall before scoring: take a random sample of records and compare each, with
 * the trained model, against every record sharing any single cheap fact with it (a name's sound,
 * the date of birth, the birth year and month, postcode, address, phone, email, identifier) —
 * a rule far wider than the blocking, affordable on a sample. Each candidate pair that is more
 * likely a match than not counts by its match probability; the estimate is the share of that
 * expected mass the blocking rules pair.
 * Matches that share no single fact at all are invisible to it, so it is an upper bound.
 *
 * @example estimateBlockingRecall(d, index, model, { sample: 1000 }).recall
 */
export function estimateBlockingRecall(
  d: StoreData,
  index: BlockingIndex,
  model: LinkageModel,
  options: { sample?: number; seed?: number } = {},
): BlockingRecallEstimate {
  const n = d.size;
  const sample = Math.min(n, options.sample ?? 1000);
  const rng = new Random(options.seed ?? 5);
  const wide: ((i: number) => number)[] = [
    (i) => sound(d, d.given[i]!),
    (i) => sound(d, d.family[i]!),
    (i) => (d.dob[i] ? d.dob[i] : -1),
    (i) => (d.dob[i] ? Math.floor(d.dob[i] / 100) : -1),
    (i) => d.postcode[i]!,
    (i) => d.address[i]!,
    (i) => d.phone[i]!,
    (i) => d.email[i]!,
    (i) => d.nhs[i]!,
  ];
  const buckets = wide.map((key) => {
    const m = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const k = key(i);
      if (k < 0) continue;
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    }
    return m;
  });
  // Only likely matches count: many pairs of strangers each a little probable would swamp them.
  const likely = weightFromProbability(LIKELY_MATCH);
  const R = index.rules.length;
  const blocked = (i: number, j: number): boolean => {
    for (let r = 0; r < R; r++) {
      const ki = index.keys[r]![i]!;
      if (ki < 0 || ki !== index.keys[r]![j]) continue;
      const p = index.probe[r];
      if (!p || p[i] === 1 || p[j] === 1) return true;
    }
    return false;
  };
  let candidatePairs = 0;
  let mass = 0;
  let missed = 0;
  const picked = new Set<number>();
  while (picked.size < sample) picked.add(rng.below(n));
  const seen = new Uint8Array(n);
  for (const i of picked) {
    const touched: number[] = [];
    wide.forEach((key, w) => {
      const k = key(i);
      if (k < 0) return;
      const list = buckets[w]!.get(k)!;
      const step = list.length > WIDE_BLOCK_CAP ? list.length / WIDE_BLOCK_CAP : 1;
      for (let x = 0; x < list.length; x += step) {
        const j = list[Math.floor(x)]!;
        if (j === i || seen[j] === 1) continue;
        if (index.mode === 'link' && d.source[i] === d.source[j]) continue;
        seen[j] = 1;
        touched.push(j);
      }
    });
    for (const j of touched) {
      seen[j] = 0;
      candidatePairs++;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      const w = model.scoreAtLeast(d, lo, hi, likely);
      if (w === -Infinity || guard(d, lo, hi) !== null) continue;
      const p = 1 / (1 + Math.pow(2, -w));
      mass += p;
      if (!blocked(lo, hi)) missed += p;
    }
  }
  return {
    recall: mass > 0 ? (mass - missed) / mass : 1,
    sampledRecords: sample,
    candidatePairs,
    expectedMatches: mass,
    expectedMissed: missed,
  };
}
