/** Defining a 903 rule: its code picks its catalogue entry; the definition adds years and the check. */
import { COLLECTION_YEARS, type CollectionYear } from '../../years.ts';
import { SSDA903_TABLES, type Ssda903Table } from '../tables.ts';
import type { ChildView } from '../validate/child.ts';
import type { Need903, Report903, Rule903 } from '../validate/types.ts';
import { CATALOGUE_903 } from './catalogue.ts';

/** Every supported year. */
export const ALL_YEARS: readonly CollectionYear[] = COLLECTION_YEARS;
/** Up to 2023/24. */
export const UNTIL_2023_24: readonly CollectionYear[] = ['2023-24'];
/** From 2024/25. */
export const FROM_2024_25: readonly CollectionYear[] = ['2024-25', '2025-26'];
/** Up to 2024/25. */
export const UNTIL_2024_25: readonly CollectionYear[] = ['2023-24', '2024-25'];
/** 2025/26. */
export const FROM_2025_26: readonly CollectionYear[] = ['2025-26'];

/** Columns the reference validator derives from postcodes (distance, LA and location of the placement). */
const POSTCODE_FIELDS = new Set(['PL_DISTANCE', 'PL_LA', 'PL_LOCATION']);

interface Spec {
  code: string;
  /** Overrides the catalogue (a year's new wording). */
  message?: string;
  years?: readonly CollectionYear[];
  /** Overrides the tables the catalogue names (when the check reads others too, or fewer). */
  tables?: readonly Ssda903Table[];
  /** The affected fields of a rule that is not in the catalogue (added after it). */
  fields?: readonly string[];
  needs?: readonly Need903[];
  fix?: string;
  check: (child: ChildView, report: Report903) => void;
}

/**
 * A rule from its catalogue entry: the tables it needs loaded this year, whether it needs last year's
 * return, the Ofsted lists or a postcode look-up, as the catalogue names them.
 * @throws Error when the code is not in the catalogue.
 */
export function rule(spec: Spec): Rule903 {
  const entry = CATALOGUE_903[spec.code] ?? added(spec);
  const needs = new Set<Need903>(spec.needs ?? []);
  if (entry.tables.some((t) => t.endsWith('_last'))) needs.add('last');
  if (entry.tables.includes('Provider Info')) needs.add('providers');
  if (entry.fields.some((f) => POSTCODE_FIELDS.has(f))) needs.add('postcodes');
  const tables = spec.tables ?? (entry.tables.filter((t) => t in SSDA903_TABLES) as Ssda903Table[]);
  return {
    code: spec.code,
    message: spec.message ?? entry.message,
    fields: spec.fields ?? entry.fields,
    tables,
    years: spec.years ?? ALL_YEARS,
    needs: [...needs],
    fix: spec.fix ?? "Check the values named against the child's record and correct whichever is wrong.",
    check: spec.check,
  };
}

/** The entry of a rule added after the catalogue: its message, fields and tables must be given. */
function added(spec: Spec): { message: string; fields: readonly string[]; tables: readonly string[] } {
  if (!spec.message || !spec.fields || !spec.tables)
    throw new Error(`903 rule ${spec.code} is not in the catalogue: give its message, fields and tables`);
  return { message: spec.message, fields: spec.fields, tables: spec.tables };
}
