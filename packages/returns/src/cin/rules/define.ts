/** Small helpers shared by the rule files. */
import { COLLECTION_YEARS, type CollectionYear } from '../../years.ts';
import type { ChildRule, ReturnRule } from '../validate/types.ts';

/** Every supported year (2023/24, 2024/25, 2025/26). */
export const ALL_YEARS: readonly CollectionYear[] = COLLECTION_YEARS;
/** Years up to 2023/24 (GenderCurrent). */
export const UNTIL_2023_24: readonly CollectionYear[] = ['2023-24'];
/** Years from 2024/25 (Sex). */
export const FROM_2024_25: readonly CollectionYear[] = ['2024-25', '2025-26'];

type ChildRuleSpec = Omit<ChildRule, 'scope' | 'years'> & { years?: readonly CollectionYear[] };
type ReturnRuleSpec = Omit<ReturnRule, 'scope' | 'years'> & { years?: readonly CollectionYear[] };

/** A rule checked per child (every year unless `years` says otherwise). */
export function childRule(spec: ChildRuleSpec): ChildRule {
  return { ...spec, scope: 'child', years: spec.years ?? ALL_YEARS };
}

/** A rule checked once over the return. */
export function returnRule(spec: ReturnRuleSpec): ReturnRule {
  return { ...spec, scope: 'return', years: spec.years ?? ALL_YEARS };
}
