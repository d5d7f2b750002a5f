/** Types of the CIN census validator: rules as data plus a small check function. */
import type { Child } from '../../model/types.ts';
import type { CollectionYear } from '../../years.ts';
import type { CensusHeader } from '../census.ts';

/** The census modules (the flattened tables of the DfE specification). */
export type CinModule =
  | 'Header'
  | 'ChildIdentifiers'
  | 'ChildCharacteristics'
  | 'Disabilities'
  | 'CINdetails'
  | 'Assessments'
  | 'CINplanDates'
  | 'Section47'
  | 'ChildProtectionPlans'
  | 'Reviews';

export type IssueKind = 'error' | 'query';
export type IssueValue = string | number | boolean | null;

/** One validation issue, in the shape of `report.json`. */
export interface Issue {
  rule: string;
  kind: IssueKind;
  /** LAchildID, or null for a return-level issue. */
  child: string | null;
  module: CinModule;
  field: string;
  message: string;
  values: Record<string, IssueValue>;
}

/** What a check reports: the offending values and, when it is not the rule's first field, the field. */
export interface Finding {
  values: Record<string, IssueValue>;
  field?: string;
  module?: CinModule;
}

/** The census period and header, shared by every rule. */
export interface RuleContext {
  year: CollectionYear;
  /** The census reference date, 31 March at the end of the year (from the header when it is valid). */
  referenceDate: string;
  /** The day after the previous reference date: 1 April at the start of the year. */
  censusStart: string;
  header: CensusHeader;
}

export type Report = (finding: Finding) => void;

interface RuleBase {
  /** DfE code, e.g. `8500` or `8670Q` (a trailing Q marks a query). */
  code: string;
  message: string;
  module: CinModule;
  /** The fields the rule reads; the first is the field an issue names unless the finding says otherwise. */
  fields: readonly string[];
  /** The collection years whose specification has this version of the rule. */
  years: readonly CollectionYear[];
  /** Advice for the data officer: what to check or fix. */
  fix: string;
}

/** A rule checked child by child. */
export interface ChildRule extends RuleBase {
  scope: 'child';
  check(child: Child, ctx: RuleContext, report: Report): void;
}

/** A rule checked once for the whole return (counts, percentages, duplicates across children). */
export interface ReturnRule extends RuleBase {
  scope: 'return';
  /** Findings with `child` set name that child; without, the issue is return-level. */
  check(
    children: readonly Child[],
    ctx: RuleContext,
    report: (finding: Finding & { child?: string | null }) => void,
  ): void;
}

export type Rule = ChildRule | ReturnRule;
