/** Small helpers shared by the rule files. */
import { COLLECTION_YEARS, type CollectionYear } from '../../years.ts';
import type { Child } from '../../model/types.ts';
import type { ChildRule, ReturnRule } from '../validate/types.ts';
import { date } from './helpers.ts';

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

/** What the two date-of-death rules of a dated module (CIN plans, CP plans) need to know of it. */
interface AfterDeathSpec {
  code: string;
  message: string;
  module: ChildRule['module'];
  /** The module's start or end date field, as the DfE names it (`CPPstartDate`). */
  field: string;
  fix: string;
  /** Calls `fn` with every dated item of the module the child has. */
  each(child: Child, fn: (item: { startDate?: string | null; endDate?: string | null }) => void): void;
}

/** "… shown as starting after the child's Date of Death" (4008, 8915). */
export function startsAfterDeathRule(spec: AfterDeathSpec): ChildRule {
  return childRule({
    code: spec.code,
    message: spec.message,
    module: spec.module,
    fields: [spec.field, 'PersonDeathDate'],
    fix: spec.fix,
    check(child, _ctx, report) {
      const dod = date(child.deathDate);
      if (!dod) return;
      spec.each(child, (p) => {
        const s = date(p.startDate);
        if (s && s > dod) report({ values: { [spec.field]: s, PersonDeathDate: dod } });
      });
    },
  });
}

/** "… cannot end after the child's Date of Death" (4009Q, 8920): an item left open counts too. */
export function endsAfterDeathRule(spec: AfterDeathSpec): ChildRule {
  return childRule({
    code: spec.code,
    message: spec.message,
    module: spec.module,
    fields: [spec.field, 'PersonDeathDate'],
    fix: spec.fix,
    check(child, _ctx, report) {
      const dod = date(child.deathDate);
      if (!dod) return;
      spec.each(child, (p) => {
        const e = date(p.endDate);
        if (!p.endDate || (e && e > dod))
          report({ values: { [spec.field]: p.endDate ?? null, PersonDeathDate: dod } });
      });
    },
  });
}
