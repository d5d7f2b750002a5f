import {
  COMPARISON_NAMES,
  type ComparisonDef,
  type ComparisonName,
  comparisonByName,
  levelByIndex,
  PERSON_COMPARISONS,
} from './comparisons.ts';
import type { NameTable, StoreData } from './store.ts';
import type { TrainingReport } from './training/report.ts';

/** Trained (or starting) m and u of one level. Null and neutral levels carry m = u = 1. */
export interface LevelParams {
  label: string;
  m: number;
  u: number;
}

/** Parameters of one comparison. */
export interface ComparisonParams {
  name: ComparisonName;
  levels: LevelParams[];
  /** Whether the exact level is adjusted by term frequency. */
  tf: boolean;
}

/** A model as saved to JSON by {@link LinkageModel.toJSON} and read by {@link LinkageModel.fromJSON}. */
export interface ModelJSON {
  format: 'waypoint-linkage-model';
  version: 1;
  /** Probability that two records drawn at random are the same person (λ). */
  priorMatchProbability: number;
  /** Recommended operating point: pairs at or above this match probability are matches. */
  threshold: number;
  /** Smallest frequency used in a term-frequency adjustment, so one-off values are not overweighted. */
  tfMinimumU: number;
  comparisons: ComparisonParams[];
  training?: TrainingReport;
}

/** The engine's recommended operating point when a model does not say otherwise. */
export const DEFAULT_THRESHOLD = 0.9;
/** Term-frequency adjustment applies only once a field has this many known values. */
export const TF_MIN_VALUES = 1000;

/** log2 odds → probability. */
export const probabilityFromWeight = (w: number): number => 1 / (1 + Math.pow(2, -w));
/** probability → log2 odds. */
export const weightFromProbability = (p: number): number => Math.log2(p / (1 - p));

/** Parameters of the built-in person model before training (rough, hand-set starting values). */
export function defaultParams(defs: readonly ComparisonDef[] = PERSON_COMPARISONS): ComparisonParams[] {
  return defs.map((c) => ({
    name: c.name,
    tf: c.tf !== undefined,
    levels: c.levels.map((l) => ({ label: l.label, m: l.m, u: l.u })),
  }));
}

/**
 * A Fellegi–Sunter model: per comparison level, m = P(level | match) and u = P(level | non-match).
 * A pair's match weight is the prior log-odds plus Σ log2(m/u); its probability is 1 / (1 + 2^-weight).
 *
 * Weights are made monotone: a level never weighs less than a weaker level of the same comparison,
 * a level that means agreement never weighs less than zero (a missing value), and an exact
 * agreement after term-frequency adjustment never weighs less than any weaker level. So more
 * agreement never lowers a pair's weight.
 *
 * @example
 * const model = LinkageModel.untrained();
 * const store = RecordStore.from([a, b]);
 * model.probability(store.data, 0, 1);
 */
export class LinkageModel {
  readonly defs: readonly ComparisonDef[];
  readonly weights: readonly Float64Array[];
  readonly priorWeight: number;
  /** Index of each comparison in COMPARISON_NAMES, for {@link levelByIndex}. */
  private readonly kinds: Int32Array;
  /** Comparison indices, cheapest first, and the best weight the comparisons from position k on can add. */
  private readonly cheapFirst: Int32Array;
  private readonly bestRemaining: Float64Array;
  private readonly tfLogM: Float64Array;
  private readonly tfFloor: Float64Array;
  private readonly tfOn: Uint8Array;

  constructor(readonly json: ModelJSON) {
    this.defs = json.comparisons.map((p) => {
      const def = comparisonByName(p.name);
      if (!def) throw new Error(`unknown comparison "${p.name}" in model`);
      if (def.levels.length !== p.levels.length)
        throw new Error(
          `comparison "${p.name}" needs ${def.levels.length} levels, model has ${p.levels.length}`,
        );
      // Levels are read by position: a model saved when they were in another order means other things.
      def.levels.forEach((l, k) => {
        const saved = p.levels[k]!.label;
        if (saved !== undefined && saved !== l.label)
          throw new Error(
            `comparison "${p.name}" level ${k} is "${saved}" in the model, "${l.label}" here (a model from another version: train it again)`,
          );
      });
      return def;
    });
    this.priorWeight = weightFromProbability(json.priorMatchProbability);
    this.kinds = Int32Array.from(this.defs.map((def) => COMPARISON_NAMES.indexOf(def.name)));
    this.tfLogM = new Float64Array(this.defs.length);
    this.tfFloor = new Float64Array(this.defs.length);
    this.tfOn = new Uint8Array(this.defs.length);
    this.weights = json.comparisons.map((p, c) => {
      const def = this.defs[c]!;
      const w = new Float64Array(p.levels.length);
      let next = -Infinity;
      for (let k = p.levels.length - 1; k >= 1; k--) {
        const level = def.levels[k]!;
        if (level.kind !== 'level') continue;
        const raw = Math.log2(p.levels[k]!.m / p.levels[k]!.u);
        w[k] = Math.max(raw, level.unordered ? -Infinity : next, level.agrees ? 0 : -Infinity);
        if (!level.unordered) next = w[k]!;
      }
      const ordered = (k: number) => def.levels[k]!.kind === 'level' && !def.levels[k]!.unordered;
      const weaker = p.levels.slice(2).map((_, k) => (ordered(k + 2) ? w[k + 2]! : -Infinity));
      this.tfFloor[c] = Math.max(0, ...weaker);
      w[1] = Math.max(w[1]!, this.tfFloor[c]);
      this.tfOn[c] = p.tf && def.tf ? 1 : 0;
      this.tfLogM[c] = Math.log2(p.levels[1]!.m);
      return w;
    });
    const cost: Record<ComparisonName, number> = {
      dob: 0,
      sex: 1,
      nhs_number: 2,
      family_name: 3,
      given_name: 4,
      home: 5,
    };
    this.cheapFirst = Int32Array.from(
      this.defs.map((_, c) => c).sort((a, b) => cost[this.defs[a]!.name] - cost[this.defs[b]!.name]),
    );
    this.bestRemaining = new Float64Array(this.defs.length + 1);
    for (let k = this.defs.length - 1; k >= 0; k--) {
      const c = this.cheapFirst[k]!;
      let best = Math.max(0, ...this.weights[c]!);
      if (this.tfOn[c]) best = Math.max(best, this.tfLogM[c]! - Math.log2(json.tfMinimumU));
      this.bestRemaining[k] = this.bestRemaining[k + 1]! + best;
    }
  }

  /** The built-in person model with hand-set starting parameters, restricted to some comparisons. */
  static untrained(names?: readonly ComparisonName[], threshold = DEFAULT_THRESHOLD): LinkageModel {
    const defs = names ? PERSON_COMPARISONS.filter((c) => names.includes(c.name)) : PERSON_COMPARISONS;
    return new LinkageModel({
      format: 'waypoint-linkage-model',
      version: 1,
      priorMatchProbability: 1e-4,
      threshold,
      tfMinimumU: 1e-5,
      comparisons: defaultParams(defs),
    });
  }

  /** Read a model saved with {@link toJSON}; throws on a file that is not one. */
  static fromJSON(value: unknown): LinkageModel {
    const j = value as Partial<ModelJSON> | null;
    if (!j || j.format !== 'waypoint-linkage-model' || j.version !== 1 || !Array.isArray(j.comparisons)) {
      throw new Error('not a waypoint-linkage-model version 1 file');
    }
    if (
      typeof j.priorMatchProbability !== 'number' ||
      !(j.priorMatchProbability > 0 && j.priorMatchProbability < 1)
    ) {
      throw new Error('model priorMatchProbability must be between 0 and 1');
    }
    return new LinkageModel({ tfMinimumU: 1e-5, threshold: DEFAULT_THRESHOLD, ...j } as ModelJSON);
  }

  /** The model as plain JSON-ready data. */
  toJSON(): ModelJSON {
    return this.json;
  }

  /** Names of the comparisons in use. */
  get comparisonNames(): ComparisonName[] {
    return this.defs.map((d) => d.name);
  }

  /** Weight contributed by comparison c at the exact level, after term-frequency adjustment. */
  exactWeight(c: number, d: StoreData, i: number): number {
    const kind = this.kinds[c]!;
    if (this.tfOn[c] === 0 || kind > 1) return this.weights[c]![1]!;
    return this.exactNameWeight(c, d.names, kind === 0 ? d.given[i]! : d.family[i]!);
  }

  /**
   * Weight of comparison c (a name comparison) at the exact level for the name with id `name`,
   * after term-frequency adjustment.
   */
  exactNameWeight(c: number, names: NameTable, name: number): number {
    const kind = this.kinds[c]!;
    if (this.tfOn[c] === 0 || kind > 1) return this.weights[c]![1]!;
    const total = kind === 0 ? names.givenTotal : names.familyTotal;
    if (total < TF_MIN_VALUES) return this.weights[c]![1]!;
    const count = kind === 0 ? names.givenCount[name]! : names.familyCount[name]!;
    const tf = count / total;
    return Math.max(
      this.tfFloor[c]!,
      this.tfLogM[c]! - Math.log2(tf > this.json.tfMinimumU ? tf : this.json.tfMinimumU),
    );
  }

  /** Match weight (log2 odds) of records i and j. The hot path of all scoring. */
  score(d: StoreData, i: number, j: number): number {
    let w = this.priorWeight;
    const kinds = this.kinds;
    const weights = this.weights;
    const tfOn = this.tfOn;
    for (let c = 0; c < kinds.length; c++) {
      const l = levelByIndex(kinds[c]!, d, i, j);
      w += l === 1 && tfOn[c] === 1 ? this.exactWeight(c, d, i) : weights[c]![l]!;
    }
    return w;
  }

  /**
   * The match weight of records i and j if it can reach `minWeight`, else -Infinity. Cheap
   * comparisons are scored first and scoring stops as soon as even the best possible remaining
   * levels could not lift the pair to `minWeight`: most blocked pairs are settled after the
   * integer comparisons, before any string similarity is computed.
   */
  scoreAtLeast(d: StoreData, i: number, j: number, minWeight: number): number {
    let w = this.priorWeight;
    const order = this.cheapFirst;
    const rest = this.bestRemaining;
    for (let k = 0; k < order.length; k++) {
      if (w + rest[k]! < minWeight) return -Infinity;
      const c = order[k]!;
      const l = levelByIndex(this.kinds[c]!, d, i, j);
      w += l === 1 && this.tfOn[c] === 1 ? this.exactWeight(c, d, i) : this.weights[c]![l]!;
    }
    return w;
  }

  /** Match probability of records i and j. */
  probability(d: StoreData, i: number, j: number): number {
    return probabilityFromWeight(this.score(d, i, j));
  }

  /** The level of every comparison for records i and j, written into `out`. */
  levels(d: StoreData, i: number, j: number, out: Uint8Array): Uint8Array {
    for (let c = 0; c < this.defs.length; c++) out[c] = this.defs[c]!.level(d, i, j);
    return out;
  }

  /** A copy of this model with other parameters (training uses it). */
  with(changes: Partial<ModelJSON>): LinkageModel {
    return new LinkageModel({ ...this.json, ...changes });
  }
}
