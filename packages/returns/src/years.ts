/** Collection years this package knows, e.g. `2025-26` (census year 1 April 2025 – 31 March 2026). */
export const COLLECTION_YEARS = ['2023-24', '2024-25', '2025-26'] as const;
export type CollectionYear = (typeof COLLECTION_YEARS)[number];

/** True when `s` is a supported collection year. */
export function isCollectionYear(s: string): s is CollectionYear {
  return (COLLECTION_YEARS as readonly string[]).includes(s);
}

/** The census reference date (31 March at the end of the year), e.g. `2026-03-31` for `2025-26`. */
export function referenceDateOf(year: CollectionYear): string {
  return `${endYearOf(year)}-03-31`;
}

/** The calendar year the collection ends in (the XML `Year`), e.g. 2026 for `2025-26`. */
export function endYearOf(year: CollectionYear): number {
  return Number(year.slice(0, 4)) + 1;
}

/** The collection year whose reference date is `refDate`, or null when none is supported. */
export function yearOfReferenceDate(refDate: string): CollectionYear | null {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(refDate);
  if (!m) return null;
  const end = Number(m[1]);
  const y = `${end - 1}-${String(end % 100).padStart(2, '0')}`;
  return isCollectionYear(y) ? y : null;
}

/** True when the year uses `Sex` (M/F/U) rather than `GenderCurrent` (from 2024/25). */
export function usesSex(year: CollectionYear): boolean {
  return year !== '2023-24';
}

/** True when the year's census carries the pre-proceedings module (from 2025/26). */
export function hasPreProceedings(year: CollectionYear): boolean {
  return year === '2025-26';
}
