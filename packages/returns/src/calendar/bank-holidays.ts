/**
 * England and Wales bank holidays, computed (never fetched): the fixed and moveable feasts,
 * substitute days when a holiday falls at a weekend, the moved May holidays and the one-off
 * holidays proclaimed for royal and national events.
 */
import { addDays, dayOfWeek, fromDayNumber, toDayNumber } from '../dates.ts';

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** The first `weekday` (0 = Sunday) on or after the date. */
function onOrAfter(date: string, weekday: number): string {
  return addDays(date, (weekday - dayOfWeek(date) + 7) % 7);
}

/** The last `weekday` on or before the date. */
function onOrBefore(date: string, weekday: number): string {
  return addDays(date, -((dayOfWeek(date) - weekday + 7) % 7));
}

const MONDAY = 1;

/** Years where the early May holiday moved (VE Day anniversaries). */
const EARLY_MAY_MOVED: Record<number, string> = { 1995: '1995-05-08', 2020: '2020-05-08' };
/** Years where the spring holiday moved for a jubilee. */
const SPRING_MOVED: Record<number, string> = {
  1977: '1977-06-06',
  2002: '2002-06-04',
  2012: '2012-06-04',
  2022: '2022-06-02',
};

/** One-off holidays proclaimed for a single year. */
export const ONE_OFF_HOLIDAYS: Readonly<Record<string, string>> = {
  '1973-11-14': 'Wedding of Princess Anne',
  '1977-06-07': 'Silver Jubilee of Elizabeth II',
  '1981-07-29': 'Wedding of the Prince of Wales',
  '1999-12-31': 'Millennium celebrations',
  '2002-06-03': 'Golden Jubilee of Elizabeth II',
  '2011-04-29': 'Wedding of Prince William',
  '2012-06-05': 'Diamond Jubilee of Elizabeth II',
  '2022-06-03': 'Platinum Jubilee of Elizabeth II',
  '2022-09-19': 'State funeral of Queen Elizabeth II',
  '2023-05-08': 'Coronation of King Charles III',
};

/**
 * England and Wales bank holidays of a year (1971 onwards), sorted, as ISO dates.
 * @example bankHolidays(2024) // ['2024-01-01', '2024-03-29', '2024-04-01', …, '2024-12-26']
 */
export function bankHolidays(year: number): string[] {
  const days = new Set<string>();
  // New Year's Day (a holiday in England and Wales since 1974), moved to Monday at a weekend.
  if (year >= 1974) days.add(weekdayOnOrAfter(iso(year, 1, 1)));
  const easter = easterSunday(year);
  days.add(addDays(easter, -2)); // Good Friday
  days.add(addDays(easter, 1)); // Easter Monday
  if (year >= 1978) days.add(EARLY_MAY_MOVED[year] ?? onOrAfter(iso(year, 5, 1), MONDAY));
  days.add(SPRING_MOVED[year] ?? onOrBefore(iso(year, 5, 31), MONDAY));
  days.add(onOrBefore(iso(year, 8, 31), MONDAY)); // Summer bank holiday
  for (const d of christmas(year)) days.add(d);
  for (const d of Object.keys(ONE_OFF_HOLIDAYS)) if (d.startsWith(`${year}-`)) days.add(d);
  return [...days].sort();
}

function weekdayOnOrAfter(date: string): string {
  const dow = dayOfWeek(date);
  return dow === 6 ? addDays(date, 2) : dow === 0 ? addDays(date, 1) : date;
}

/** Christmas Day and Boxing Day with their substitutes. */
function christmas(year: number): string[] {
  const xmas = iso(year, 12, 25);
  switch (dayOfWeek(xmas)) {
    case 5: // Friday: Boxing Day (Saturday) moves to Monday 28th
      return [xmas, iso(year, 12, 28)];
    case 6: // Saturday: both move, to Monday 27th and Tuesday 28th
      return [iso(year, 12, 27), iso(year, 12, 28)];
    case 0: // Sunday: Boxing Day is Monday 26th, Christmas moves to Tuesday 27th
      return [iso(year, 12, 26), iso(year, 12, 27)];
    default:
      return [xmas, iso(year, 12, 26)];
  }
}

const cache = new Map<number, Set<string>>();

/** True when the date is an England and Wales bank holiday. */
export function isBankHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = cache.get(year);
  if (!set) {
    set = new Set(bankHolidays(year));
    cache.set(year, set);
  }
  return set.has(date);
}

/** True on a weekday that is not a bank holiday. */
export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isBankHoliday(date);
}

/**
 * The date `n` working days before (negative `n`) or after (positive `n`) `date`, counting only
 * working days and not counting `date` itself.
 * @example addWorkingDays('2025-03-31', -45)
 */
export function addWorkingDays(date: string, n: number): string {
  const key = `${date}|${n}`;
  const hit = workingDayCache.get(key);
  if (hit !== undefined) return hit;
  const result = walkWorkingDays(date, n);
  if (workingDayCache.size < 100_000) workingDayCache.set(key, result);
  return result;
}

const workingDayCache = new Map<string, string>();

function walkWorkingDays(date: string, n: number): string {
  let day = toDayNumber(date);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (isWorkingDay(fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}
