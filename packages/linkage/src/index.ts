/**
 * @waypoint/linkage: probabilistic record linkage of people (Fellegi–Sunter, as in Splink), for
 * finding the same child in different agencies' records without a national database.
 *
 * Batch: deduplicate or link whole files.
 * @example
 * import { linkRecords } from '@waypoint/linkage';
 * const result = await linkRecords(records, { mode: 'dedupe' }); // trains, blocks, scores, clusters
 * for (const p of result.pairs.iterate(result.store.data)) console.log(p.idL, p.idR, p.matchProbability);
 *
 * Incremental: match one new record against an existing linked set (duplicate check on create,
 * fuzzy search, involvement index).
 * @example
 * import { LinkageIndex, LinkageModel } from '@waypoint/linkage';
 * const index = new LinkageIndex(LinkageModel.fromJSON(savedModelJson));
 * for (const r of existing) index.addLinked(r, r.clusterId);
 * const candidates = index.query({ id: 'new', given_name: 'Kate', family_name: 'Oyelaran', dob: '2015-03-07' });
 * const { clusterId, matches } = index.add({ id: 'health-9', given_name: 'Kate', family_name: 'Oyelaran' });
 */
export { PERSON_FIELDS, isPersonField, type PersonField, type PersonRecord } from './person.ts';
export { RecordStore, type StoreData } from './store.ts';
export {
  COMPARISON_NAMES,
  PERSON_COMPARISONS,
  comparisonsFor,
  givenNameLevel,
  familyNameLevel,
  dobLevel,
  homeLevel,
  nhsLevel,
  sexLevel,
  type ComparisonDef,
  type ComparisonName,
  type LevelDef,
} from './comparisons.ts';
export {
  DEFAULT_THRESHOLD,
  LinkageModel,
  probabilityFromWeight,
  weightFromProbability,
  type ComparisonParams,
  type LevelParams,
  type ModelJSON,
} from './model.ts';
export { explainPair, type ExplanationTerm, type PairExplanation } from './explain.ts';
export { guard, type Guard } from './guards.ts';
export {
  PERSON_BLOCKING_RULES,
  buildBlocking,
  forEachPair,
  type BlockingIndex,
  type BlockingRule,
  type LinkMode,
} from './blocking.ts';
export { countComparisons, type BlockingReport, type BlockingRuleCount } from './blocking-report.ts';
export {
  trainModel,
  PERSON_TRAINING_RULES,
  PERSON_DETERMINISTIC_RULES,
  type TrainOptions,
} from './training/train.ts';
export { runEm, type EmInput, type EmOptions, type EmResult } from './training/em.ts';
export { estimateU, totalPairs, uWithoutMatches } from './training/sample.ts';
export type { TrainingReport, EmSessionReport } from './training/report.ts';
export { clusterPairs, type ClusterOptions } from './cluster.ts';
export { PairList, type MatchPair } from './pairs.ts';
export { PairCache } from './pair-cache.ts';
export { Kernel, kernelData, kernelWeights, type KernelData, type KernelWeights } from './kernel.ts';
export { ScoringPool, scoreAll, type ScoreResult, type ScoringOptions } from './parallel/score-parallel.ts';
export {
  linkRecords,
  type LinkOptions,
  type LinkResult,
  type LinkStats,
  type LinkPhase,
} from './pipeline.ts';
export { LinkageIndex, type AddResult, type Candidate, type LinkageIndexOptions } from './linkage-index.ts';
export {
  DATE_FORMATS,
  parseDate,
  isDayMonthTransposed,
  isOneDigitDifferent,
  type DateFormat,
} from './dates.ts';
export {
  jaro,
  jaroWinkler,
  levenshtein,
  damerauLevenshtein,
  withinEdits,
  withinOneEdit,
} from './text/similarity.ts';
export { doubleMetaphone, soundsAlike } from './text/phonetic.ts';
export { isNickname, nicknameGroups, nicknameGroupsNear } from './text/nicknames.ts';
export { normaliseName, normaliseText } from './text/normalise.ts';
export { generatePeople, RATES, type SyntheticRecord, type SyntheticOptions } from './synthetic/generate.ts';
export { generateSecondSet, SECOND_MAP, type SecondRecord } from './synthetic/second-generator.ts';
export { syntheticCsv, SYNTHETIC_COLUMNS, SYNTHETIC_MAP } from './synthetic/csv.ts';
