/** Small helpers shared by the 903 rule files. */
import { addDays, toDayNumber } from '../../dates.ts';
import { ukToIso } from '../validate/dates.ts';
import type { Row903 } from '../validate/types.ts';

export { ukToIso as dt, isBadDate } from '../validate/dates.ts';
export { addDays };

/** True when the column is blank (or absent). */
export const blank = (v: string | undefined): boolean => v === undefined || v === '';

/** True when the column holds a value. */
export const filled = (v: string | undefined): v is string => v !== undefined && v !== '';

/** Days from `a` to `b` (ISO dates). */
export const daysBetween = (a: string, b: string): number => toDayNumber(b) - toDayNumber(a);

/** The row's date column as ISO, or null. */
export const dateOf = (row: Row903 | undefined, col: string): string | null => ukToIso(row?.[col]);
