/**
 * Fellegi–Sunter on field-level filters, fitted without labels. Each candidate pair (blocked, with
 * a record-filter Dice at or above a floor) gets a comparison vector: for every field filter its
 * Dice in a few levels, and for the date of birth the date-of-birth component's digit half (equal,
 * nearly equal …). The u probabilities come from random pairs (almost all non-matches), the m
 * probabilities and the share of matches from EM over the candidates' vectors
 * (`@waypoint/linkage`'s `runEm`, the same EM the plaintext engine trains with); a pair's match
 * probability is its posterior under the fitted model.
 */
import { runEm } from '@waypoint/linkage';
import { popcount32 } from './kernel/reference.ts';
import type { StoreData } from './store.ts';

/** Lower Dice bounds of the levels of a field-filter comparison, best first (level 0: a side is missing). */
export const FIELD_DICE_LEVELS = [0.92, 0.84, 0.76, 0.68] as const;
/** The same for the date-of-birth digits (unbalanced, unflipped): 1 is equal. */
export const DOB_DICE_LEVELS = [1, 0.8, 0.6] as const;

/** Family-name levels up to here count as the same family (the guards). */
const SAME_FAMILY_LEVEL = 3;
/** Given-name levels from here on, with the same family and date of birth, are twins (the guards). */
const TWIN_GIVEN_LEVEL = 4;

/** Family-name levels from here on are another family (below Dice 0.76). */
const OTHER_FAMILY_LEVEL = 4;
/** Given-name levels from here on are not the same name (a slip is the second level). */
const NOT_SAME_GIVEN_LEVEL = 3;
/** Date-of-birth levels from here on are more than a keying slip apart. */
const DOB_APART_LEVEL = 3;

export interface FieldModelReport {
  /** Comparison names: the field filters, then `dob` (the date-of-birth component). */
  comparisons: string[];
  m: number[][];
  u: number[][];
  /** The probability that two records drawn at random match, as estimated from the EM sessions. */
  lambda: number;
  iterations: number;
  converged: boolean;
  /** Candidate pairs, those the guards stop (left out of EM), and distinct comparison vectors among the rest. */
  candidates: number;
  guarded: number;
  patterns: number;
  /** Random pairs the u probabilities were counted on. */
  randomPairs: number;
}

/** Dice of two byte ranges of the same array, over 32-bit words when aligned. */
function diceAt(bytes: Uint8Array, words: Uint32Array | null, a: number, b: number, len: number): number {
  let both = 0;
  let ones = 0;
  if (words && (a & 3) === 0 && (b & 3) === 0 && (len & 3) === 0) {
    const wa = a >> 2;
    const wb = b >> 2;
    for (let k = 0; k < len >> 2; k++) {
      const x = words[wa + k]!;
      const y = words[wb + k]!;
      both += popcount32(x & y);
      ones += popcount32(x) + popcount32(y);
    }
  } else {
    for (let k = 0; k < len; k++) {
      const x = bytes[a + k]!;
      const y = bytes[b + k]!;
      both += popcount32(x & y);
      ones += popcount32(x) + popcount32(y);
    }
  }
  return ones === 0 ? 0 : (2 * both) / ones;
}

function level(score: number, bounds: readonly number[]): number {
  for (let k = 0; k < bounds.length; k++) if (score >= bounds[k]!) return k + 1;
  return bounds.length + 1;
}

/** Fields compared together as one "location" comparison: they agree and disagree together in a household. */
const LOCATION_FIELDS = ['postcode', 'address', 'town'] as const;
const WORST_FIELD_LEVEL = FIELD_DICE_LEVELS.length + 1;

/**
 * A comparison vector function over a store: levels per comparison, 0 when a side is missing.
 * Comparisons: each field filter but the location fields, then `location` (postcode, address and
 * town as one comparison: both postcode and address agree / one of them / the postcode's sector or
 * the town / none), then `dob` (the date-of-birth component) when there is no dob field filter.
 */
export class FieldComparator {
  readonly names: string[];
  /** Levels of each comparison, the null level 0 included. */
  readonly levels: number[];
  private readonly F: number;
  private readonly fieldWords: Uint32Array | null;
  private readonly plain: number[];
  private readonly location: { postcode: number; address: number; town: number } | null;
  private readonly hasDobComparison: boolean;
  private readonly given: number;
  private readonly family: number;
  private readonly dob: number;
  private readonly identifiers: number[];
  private readonly raw: Uint8Array;

  constructor(private readonly d: StoreData) {
    const fields = d.fieldNames;
    this.F = fields.length;
    this.raw = new Uint8Array(this.F);
    this.plain = fields.flatMap((f, k) => ((LOCATION_FIELDS as readonly string[]).includes(f) ? [] : [k]));
    const at = (f: string): number => fields.indexOf(f as (typeof fields)[number]);
    this.location = LOCATION_FIELDS.some((f) => at(f) >= 0)
      ? { postcode: at('postcode'), address: at('address'), town: at('town') }
      : null;
    this.hasDobComparison = d.dobBytes > 0 && at('dob') < 0;
    this.names = [
      ...this.plain.map((k) => fields[k]!),
      ...(this.location ? ['location'] : []),
      ...(this.hasDobComparison ? ['dob'] : []),
    ];
    this.levels = [
      ...this.plain.map(() => WORST_FIELD_LEVEL + 1),
      ...(this.location ? [5] : []),
      ...(this.hasDobComparison ? [DOB_DICE_LEVELS.length + 2] : []),
    ];
    this.given = this.names.indexOf('given_name');
    this.family = this.names.indexOf('family_name');
    this.dob = this.names.indexOf('dob');
    this.identifiers = ['nhs_number', 'upn'].map((f) => this.names.indexOf(f)).filter((k) => k >= 0);
    this.fieldWords =
      d.fieldBytes % 4 === 0
        ? new Uint32Array(d.fieldData.buffer, d.fieldData.byteOffset, d.fieldData.length >> 2)
        : null;
  }

  /** True when the store carries field-level filters to compare. */
  static applies(d: StoreData): boolean {
    return d.fieldNames.length > 0;
  }

  /**
   * The field-level guards, on a comparison vector (the plaintext engine's sibling and twin guards
   * as far as the encodings allow): the same family name (allowing a slip) with given names
   * clearly different (the worst level); or given names merely alike (Amelia and Mia) and the same
   * date of birth; or given names not the same and dates of birth more than a slip apart; unless
   * an identifier agrees. Brothers, sisters and twins share a surname
   * and a home, which the model would otherwise count as evidence.
   */
  isGuarded(vec: Uint8Array): boolean {
    const given = this.given < 0 ? 0 : vec[this.given]!;
    const family = this.family < 0 ? 0 : vec[this.family]!;
    if (this.identifierAgrees(vec)) return false;
    // Another family name and another home: only the given name and the date of birth agree,
    // which strangers share as the data grow (synthetic 100k: most of the false matches).
    const location = this.location ? vec[this.names.indexOf('location')]! : 0;
    if (family >= OTHER_FAMILY_LEVEL && location === 4) return true;
    if (given === 0 || family === 0 || family > SAME_FAMILY_LEVEL) return false;
    if (given === WORST_FIELD_LEVEL) return true;
    const dob = this.dob < 0 ? 0 : vec[this.dob]!;
    if (dob === 1) return given >= TWIN_GIVEN_LEVEL;
    return dob >= DOB_APART_LEVEL && given >= NOT_SAME_GIVEN_LEVEL;
  }

  /** True when an identifier's field filters agree (the best level). */
  identifierAgrees(vec: Uint8Array): boolean {
    for (const k of this.identifiers) if (vec[k] === 1) return true;
    return false;
  }

  /** Index of a comparison by name, or −1. */
  indexOf(name: string): number {
    return this.names.indexOf(name);
  }

  /** Write pair (a, b)'s levels into out[0 … names.length). */
  compare(a: number, b: number, out: Uint8Array): void {
    const { d, F, raw } = this;
    for (let f = 0; f < F; f++) {
      if (!d.hasField[a * F + f] || !d.hasField[b * F + f]) {
        raw[f] = 0;
        continue;
      }
      const s = diceAt(
        d.fieldData,
        this.fieldWords,
        (a * F + f) * d.fieldBytes,
        (b * F + f) * d.fieldBytes,
        d.fieldBytes,
      );
      raw[f] = level(s, FIELD_DICE_LEVELS);
    }
    let c = 0;
    for (const k of this.plain) out[c++] = raw[k]!;
    let dobLevel = 0;
    if (this.hasDobComparison && d.hasDob[a] && d.hasDob[b]) {
      const half = d.dobBytes / 2;
      dobLevel = level(diceAt(d.dob, null, a * d.dobBytes, b * d.dobBytes, half), DOB_DICE_LEVELS);
    }
    // Names salted by year of birth say nothing when the dates differ: both unrelated, with dates
    // that are not equal, is read as unknown rather than as two other names.
    if (
      this.given >= 0 &&
      this.family >= 0 &&
      dobLevel !== 1 &&
      out[this.given] === WORST_FIELD_LEVEL &&
      out[this.family] === WORST_FIELD_LEVEL
    ) {
      out[this.given] = 0;
      out[this.family] = 0;
    }
    if (this.location) {
      const { postcode, address, town } = this.location;
      const pc = postcode < 0 ? 0 : raw[postcode]!;
      const ad = address < 0 ? 0 : raw[address]!;
      const tw = town < 0 ? 0 : raw[town]!;
      const agrees = (l: number): boolean => l !== 0 && l <= 2;
      if (pc === 0 && ad === 0 && tw === 0) out[c++] = 0;
      else if (agrees(pc) && agrees(ad)) out[c++] = 1;
      else if (agrees(pc) || agrees(ad)) out[c++] = 2;
      else if (pc === 3 || agrees(tw)) out[c++] = 3;
      else out[c++] = 4;
    }
    if (this.hasDobComparison) out[c] = dobLevel;
  }
}

/** A small deterministic generator for sampling random pairs (the same run gives the same model). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 0x1_0000_0000;
  };
}

export interface FittedModel {
  report: FieldModelReport;
  /** log2 weight of each comparison level (0 for the null level). */
  weights: number[][];
  /** log2 of the prior odds of a match among candidates. */
  priorWeight: number;
}

/**
 * Fit the model on candidate pairs (`left[k]`, `right[k]`, k < length).
 * @param sameSource in link mode, random pairs are drawn across the two sources only
 */
export function fitFieldModel(
  d: StoreData,
  cmp: FieldComparator,
  left: Int32Array,
  right: Int32Array,
  length: number,
  mode: 'link' | 'dedupe',
  randomPairs = 200_000,
): FittedModel {
  const C = cmp.names.length;
  const vec = new Uint8Array(C);
  // u: level frequencies among random pairs.
  const uCounts = cmp.levels.map((L) => new Float64Array(L));
  const rand = lcg(0x5eed + d.n);
  const bySource: number[][] = [[], []];
  if (mode === 'link') for (let i = 0; i < d.n; i++) bySource[d.source[i]! === 0 ? 0 : 1]!.push(i);
  let drawn = 0;
  for (let t = 0; t < randomPairs * 2 && drawn < randomPairs; t++) {
    let a: number;
    let b: number;
    if (mode === 'link') {
      const l = bySource[0]!;
      const r = bySource[1]!;
      if (l.length === 0 || r.length === 0) break;
      a = l[Math.floor(rand() * l.length)]!;
      b = r[Math.floor(rand() * r.length)]!;
    } else {
      if (d.n < 2) break;
      a = Math.floor(rand() * d.n);
      b = Math.floor(rand() * d.n);
      if (a === b) continue;
    }
    cmp.compare(a, b, vec);
    for (let c = 0; c < C; c++) uCounts[c]![vec[c]!]!++;
    drawn++;
  }
  const u = uCounts.map((counts) => {
    const scoredTotal = counts.reduce((s, x, l) => (l === 0 ? s : s + x), 0);
    // Add-one smoothing: a level no random pair reached keeps a small, finite u.
    return Array.from(counts, (x, l) =>
      l === 0 ? 1 : (x + 0.5) / (scoredTotal + 0.5 * (counts.length - 1)),
    );
  });
  // Two EM sessions, as Splink trains: on the candidates sharing the date-of-birth key (the date
  // left out, as they agree on it by construction) and on those sharing the postcode key (the
  // location left out). Each comparison's m comes from the sessions it was active in.
  const ruleOf = (name: string): Uint32Array | null => {
    const r = d.rules.indexOf(name);
    return r < 0 ? null : d.keys[r]!;
  };
  const dobKeys = ruleOf('d');
  const postcodeKeys = ruleOf('p');
  const dobC = cmp.indexOf('dob');
  const locationC = cmp.indexOf('location');
  type Session = { patterns: number[]; counts: number[]; index: Map<number, number>; active: boolean[] };
  const session = (leftOut: number): Session => ({
    patterns: [],
    counts: [],
    index: new Map(),
    active: cmp.names.map((_, c) => c !== leftOut),
  });
  const sessions: { keys: Uint32Array | null; s: Session }[] =
    dobKeys && dobC >= 0
      ? [
          { keys: dobKeys, s: session(dobC) },
          { keys: postcodeKeys, s: session(locationC) },
        ]
      : [{ keys: null, s: session(-1) }];
  const add = (s: Session): void => {
    let key = 0;
    for (let c = 0; c < C; c++) key = key * 8 + vec[c]!;
    let p = s.index.get(key);
    if (p === undefined) {
      p = s.counts.length;
      s.index.set(key, p);
      for (let c = 0; c < C; c++) s.patterns.push(vec[c]!);
      s.counts.push(0);
    }
    s.counts[p]!++;
  };
  let guarded = 0;
  for (let k = 0; k < length; k++) {
    const a = left[k]!;
    const b = right[k]!;
    cmp.compare(a, b, vec);
    if (cmp.isGuarded(vec)) {
      guarded++;
      continue;
    }
    for (const { keys, s } of sessions) if (keys === null || (keys[a] !== 0 && keys[a] === keys[b])) add(s);
  }
  const scored = cmp.levels.map((L) => Array.from({ length: L }, (_, l) => l !== 0));
  const m0 = cmp.levels.map((L) =>
    Array.from({ length: L }, (_, l) => (l === 0 ? 1 : l === 1 ? 0.85 : 0.15 / (L - 2))),
  );
  const sessionPairs = (s: Session): number => s.counts.reduce((x, y) => x + y, 0);
  const results = sessions.map(({ s }) =>
    runEm(
      {
        patterns: Uint8Array.from(s.patterns),
        counts: Float64Array.from(s.counts),
        comparisons: C,
        active: s.active,
        scored,
        m: m0,
        u,
        lambda: sessionPairs(s) > 0 ? Math.min(0.5, Math.max(1e-4, d.n / 2 / sessionPairs(s))) : 0.1,
      },
      { maxIterations: 200, tolerance: 1e-6, minM: 1e-5 },
    ),
  );
  const m = cmp.names.map((_, c) => {
    const from = results.filter((_, k) => sessions[k]!.s.active[c] && sessionPairs(sessions[k]!.s) > 0);
    if (from.length === 0) return m0[c]!;
    return m0[c]!.map((_, l) => from.reduce((t, r) => t + r.m[c]![l]!, 0) / from.length);
  });
  // The prior: the probability that two records drawn at random match (u was counted on random
  // pairs, so the prior is over all pairs, not over the candidates). The matches are estimated as
  // those found sharing a date of birth divided by the share of matches whose dates of birth agree
  // (the second session's m).
  let matches: number;
  if (sessions.length === 2) {
    const matchesSharingDob = results[0]!.lambda * sessionPairs(sessions[0]!.s);
    matches = matchesSharingDob / Math.max(m[dobC]![1]!, 1e-3);
  } else matches = results[0]!.lambda * (length - guarded);
  let allPairs: number;
  if (mode === 'link') {
    const l = bySource[0]!.length;
    allPairs = l * (d.n - l);
  } else allPairs = (d.n * (d.n - 1)) / 2;
  const lambda = Math.min(1 - 1e-9, Math.max(1e-12, matches / Math.max(1, allPairs)));
  const weights = m.map((levels, c) =>
    levels.map((x, l) => (l === 0 ? 0 : Math.log2(Math.max(x, 1e-12) / u[c]![l]!))),
  );
  return {
    weights,
    priorWeight: Math.log2(lambda / (1 - lambda)),
    report: {
      comparisons: cmp.names,
      m,
      u,
      lambda,
      iterations: Math.max(...results.map((r) => r.iterations)),
      converged: results.every((r) => r.converged),
      candidates: length,
      guarded,
      patterns: sessions.reduce((t, { s }) => t + s.counts.length, 0),
      randomPairs: drawn,
    },
  };
}

/** A pair's match weight (log2 odds) under a fitted model. */
export function matchWeight(
  model: FittedModel,
  cmp: FieldComparator,
  a: number,
  b: number,
  vec: Uint8Array,
): number {
  cmp.compare(a, b, vec);
  let w = model.priorWeight;
  for (let c = 0; c < vec.length; c++) w += model.weights[c]![vec[c]!]!;
  return w;
}

/** Match probability from a match weight. */
export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}
