/**
 * Which collection year a return "as of today" belongs to. The year in progress (1 April to 31
 * March) is checked with the rules and layout of the newest year `@waypoint/returns` knows when
 * the DfE has not yet published that year's (a provisional return, said so on the page).
 */
import { COLLECTION_YEARS, isCollectionYear, type CollectionYear } from '@waypoint/returns';

export interface ReportingYear {
  /** The year whose rules and layout are used. */
  rules: CollectionYear;
  /** The year reported, e.g. `2026-27`. */
  label: string;
  /** 31 March at the end of the reported year. */
  referenceDate: string;
  /** The reported year's own rules are not yet known: checked with `rules`. */
  provisional: boolean;
}

/** The collection year whose 1 April – 31 March contains `today` (YYYY-MM-DD). */
export function reportingYearOn(today: string): ReportingYear {
  const y = Number(today.slice(0, 4));
  const start = today.slice(5) >= '04-01' ? y : y - 1;
  const label = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  const referenceDate = `${start + 1}-03-31`;
  if (isCollectionYear(label)) return { rules: label, label, referenceDate, provisional: false };
  const newest = COLLECTION_YEARS[COLLECTION_YEARS.length - 1]!;
  const first = COLLECTION_YEARS[0];
  if (label < first) throw new Error(`no returns before ${first}`);
  return { rules: newest, label, referenceDate, provisional: true };
}

/** A named collection year (the CLI's `--year`). */
export function namedYear(year: CollectionYear): ReportingYear {
  return {
    rules: year,
    label: year,
    referenceDate: `${Number(year.slice(0, 4)) + 1}-03-31`,
    provisional: false,
  };
}
