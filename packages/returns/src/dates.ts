/**
 * Date helpers on ISO `YYYY-MM-DD` strings. ISO dates compare correctly as strings, so the
 * validator compares strings and only turns them into numbers for arithmetic.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strings already checked (a return holds a few thousand distinct dates, read many times). */
const checked = new Map<string, boolean>();

/** The date when `s` is a real ISO calendar date, otherwise null. */
export function isoOrNull(s: string | null | undefined): string | null {
  if (s == null) return null;
  let ok = checked.get(s);
  if (ok === undefined) {
    ok = isIso(s);
    if (checked.size < 200_000) checked.set(s, ok);
  }
  return ok ? s : null;
}

function isIso(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const dayNumbers = new Map<string, number>();
const isoDays = new Map<number, string>();

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function toDayNumber(iso: string): number {
  let n = dayNumbers.get(iso);
  if (n === undefined) {
    n = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
    if (dayNumbers.size < 200_000) dayNumbers.set(iso, n);
  }
  return n;
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): string {
  let s = isoDays.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoDays.size < 200_000) isoDays.set(day, s);
  }
  return s;
}

/** `iso` plus `days` (negative to subtract). */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** `iso` plus whole months, clamped to the month's last day (as pandas' DateOffset does). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const day = Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month + 1));
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `iso` plus whole years, clamped (29 February becomes 28 February). */
export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(iso: string): number {
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

/** True on Saturday or Sunday. */
export function isWeekend(iso: string): boolean {
  const d = dayOfWeek(iso);
  return d === 0 || d === 6;
}

/** Whole years between a birth date and a date (age on that date). */
export function ageOn(birth: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

/** `dd/mm/yyyy`, the form the 903 and Annex A files use. */
export function toUkDate(iso: string | null | undefined): string {
  const d = isoOrNull(iso);
  return d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '';
}
