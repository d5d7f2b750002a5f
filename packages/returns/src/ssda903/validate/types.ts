/** Types of the SSDA903 validator: each rule is data plus a small check over one child's tables. */
import type { IssueKind, IssueValue } from '../../cin/validate/types.ts';
import type { CollectionYear } from '../../years.ts';
import type { Ssda903Table } from '../tables.ts';
import type { ChildView } from './child.ts';

/** One row of a 903 table as read: column → value, trimmed and upper-cased, '' when blank. */
export type Row903 = Readonly<Record<string, string>>;

/** The rows of some or all of the 903 tables (a table left out was not loaded). */
export type Tables903 = Partial<Record<Ssda903Table, readonly Row903[]>>;

/** One validation issue, in the shape of `report.json` (the same shape as the CIN report). */
export interface Issue903 {
  rule: string;
  kind: IssueKind;
  /** The CHILD id, or null when the row has none. */
  child: string | null;
  /** The 903 table (file) of the offending row. */
  module: Ssda903Table;
  field: string;
  message: string;
  values: Record<string, IssueValue>;
}

/** An Ofsted provider (children's homes and social care providers lists), for the URN rules. */
export interface Provider903 {
  urn: string;
  /** Placement type codes the provider is registered for, e.g. ['K2']. */
  placeCodes: readonly string[];
  /** Placement provider codes, e.g. ['PR4']. */
  providerCodes: readonly string[];
  /** Postcode, upper case without spaces. */
  postcode: string | null;
  /** ISO date the registration ended, or null while open. */
  registrationEnd: string | null;
  /** Three-digit code of the LA the provider's postcode lies in. */
  laCode: string | null;
}

/** A postcode look-up (postcode → three-digit LA code and a position), for the distance and LA rules. */
export interface PostcodeLookup {
  /** The LA code of a postcode (any spacing or case), or null when unknown. */
  laOf(postcode: string): string | null;
  /** Latitude and longitude in degrees, or null when unknown. */
  positionOf(postcode: string): { lat: number; lon: number } | null;
}

/** What every rule can see besides the child: the collection period and reference data. */
export interface Context903 {
  year: CollectionYear;
  /** 1 April at the start of the collection year (ISO). */
  start: string;
  /** 31 March at the end of the collection year (ISO). */
  end: string;
  /** The reporting LA's three-digit code, when known (rules 1015, 229). */
  laCode: string | null;
  /** The tables loaded this year; a rule whose tables are missing does not run. */
  loaded: ReadonlySet<Ssda903Table>;
  /** The tables loaded from last year's return (empty when none was given). */
  loadedLast: ReadonlySet<Ssda903Table>;
  providers: ReadonlyMap<string, Provider903> | null;
  postcodes: PostcodeLookup | null;
}

/** Reports one offending row; `field` names the column when it is not the rule's first in that table. */
export type Report903 = (table: Ssda903Table, row: Row903, field?: string) => void;

/** Reference data a rule needs beyond this year's tables; without it the rule does not run. */
export type Need903 = 'last' | 'providers' | 'postcodes';

/** One SSDA903 validation rule. */
export interface Rule903 {
  /** The DfE code, e.g. `101`, `503A`, `SW13STG1`, `INT01`. */
  code: string;
  message: string;
  /** The affected fields, as the catalogue names them; the issue's `values` holds those in the row. */
  fields: readonly string[];
  /** The tables the rule reads (this year's); all must be loaded for it to run. */
  tables: readonly Ssda903Table[];
  /** The collection years this version of the rule applies to. */
  years: readonly CollectionYear[];
  needs: readonly Need903[];
  /** What the data officer should check or fix. */
  fix: string;
  check: (child: ChildView, report: Report903) => void;
}
