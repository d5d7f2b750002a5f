/**
 * Dates of birth: parsing in a named format and the comparisons the model uses. A date is held as
 * the integer yyyymmdd (0 for missing) and as a day number, so comparisons are integer arithmetic.
 */
import { monthNumber } from '@waypoint/identifiers';

/**
 * Date formats the CLI and library accept. `auto` recognises each value's shape: ISO
 * (YYYY-MM-DD, with or without a time), YYYYMMDD, day/month/year with `/`, `-`, `.` or spaces
 * (month/day/year when the column says so, see {@link detectDayMonthOrder}), and dates with the
 * month in words (`7 Mar 2015`, `March 7, 2015`, `07-MAR-2015`).
 */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYYMMDD',
  'DD/MM/YYYY',
  'DD-MM-YYYY',
  'DD.MM.YYYY',
  'MM/DD/YYYY',
  'D MMM YYYY',
  'auto',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const PATTERNS: Record<
  Exclude<DateFormat, 'auto' | 'D MMM YYYY'>,
  { re: RegExp; y: number; m: number; d: number }
> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/, y: 1, m: 2, d: 3 },
  YYYYMMDD: { re: /^(\d{4})(\d{2})(\d{2})$/, y: 1, m: 2, d: 3 },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 2, d: 1 },
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, y: 3, m: 2, d: 1 },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, y: 3, m: 2, d: 1 },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 1, d: 2 },
};

/** The two ways of reading 03/07/2015. */
export type DayMonthOrder = 'DMY' | 'MDY';

const NUMERIC_DMY = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/;

/**
 * Whether a column's numeric dates are day first or month first: month first only when some value
 * can only be read that way (a "month" above 12) and none can only be read day first. Day first
 * (the UK's order) otherwise.
 * @example detectDayMonthOrder(['03/07/2015', '12/25/2014']) // 'MDY'
 */
export function detectDayMonthOrder(values: Iterable<string>): DayMonthOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    const m = NUMERIC_DMY.exec(v.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
  }
  return monthFirst > 0 && dayFirst === 0 ? 'MDY' : 'DMY';
}

function ymd(y: number, m: number, d: number): number | null {
  return isRealDate(y, m, d) ? y * 10000 + m * 100 + d : null;
}

/** A date with its month in words: `7 Mar 2015`, `7-MAR-2015`, `March 7, 2015`, `7th March 2015`. */
function parseWordDate(s: string): number | null {
  const parts = s
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .split(/[\s,/.-]+/)
    .filter((p) => p !== '');
  if (parts.length !== 3) return null;
  const [a, b, c] = parts as [string, string, string];
  if (/^\d{4}$/.test(c)) {
    if (/^\d{1,2}$/.test(a) && monthNumber(b)) return ymd(Number(c), monthNumber(b), Number(a));
    if (/^\d{1,2}$/.test(b) && monthNumber(a)) return ymd(Number(c), monthNumber(a), Number(b));
  }
  if (/^\d{4}$/.test(a) && monthNumber(b) && /^\d{1,2}$/.test(c))
    return ymd(Number(a), monthNumber(b), Number(c));
  return null;
}

/** True when y-m-d is a real calendar date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2200) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parse a date in the given format into yyyymmdd, or null when it is empty or not a real date.
 * `auto` reads every shape listed under {@link DATE_FORMATS}; `order` says how to read numeric
 * day/month dates (default day first).
 * @example parseDate('07/03/2015', 'DD/MM/YYYY') // 20150307
 * @example parseDate('7 March 2015') // 20150307
 */
export function parseDate(
  input: string | null | undefined,
  format: DateFormat = 'auto',
  order: DayMonthOrder = 'DMY',
): number | null {
  if (input == null) return null;
  const s = input.trim();
  if (s === '') return null;
  if (format === 'auto') {
    for (const f of ['YYYY-MM-DD', 'YYYYMMDD'] as const) {
      const v = parseDate(s, f);
      if (v !== null) return v;
    }
    const m = NUMERIC_DMY.exec(s);
    if (m)
      return order === 'DMY'
        ? ymd(Number(m[3]), Number(m[2]), Number(m[1]))
        : ymd(Number(m[3]), Number(m[1]), Number(m[2]));
    return /[a-z]/i.test(s) ? parseWordDate(s) : null;
  }
  if (format === 'D MMM YYYY') return parseWordDate(s);
  const p = PATTERNS[format];
  const match = p.re.exec(s);
  if (!match) return null;
  return ymd(Number(match[p.y]), Number(match[p.m]), Number(match[p.d]));
}

/** Days since 1970-01-01 of a yyyymmdd integer. */
export function dayNumber(ymd: number): number {
  return Date.UTC(Math.floor(ymd / 10000), (Math.floor(ymd / 100) % 100) - 1, ymd % 100) / 86_400_000;
}

/** yyyymmdd as `YYYY-MM-DD`. */
export function formatYmd(ymd: number): string {
  const s = String(ymd);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * Same year, with day and month swapped (and different): 2015-03-07 against 2015-07-03.
 * @example isDayMonthTransposed(20150307, 20150703) // true
 */
export function isDayMonthTransposed(a: number, b: number): boolean {
  const ya = Math.floor(a / 10000);
  const ma = Math.floor(a / 100) % 100;
  const da = a % 100;
  return ma !== da && Math.floor(b / 10000) === ya && Math.floor(b / 100) % 100 === da && b % 100 === ma;
}

/**
 * Exactly one of the eight digits of YYYYMMDD differs: a keying slip.
 * @example isOneDigitDifferent(20150307, 20150308) // true
 */
export function isOneDigitDifferent(a: number, b: number): boolean {
  let x = Math.abs(a - b);
  if (x === 0) return false;
  let p = 1;
  while (x % 10 === 0) {
    x /= 10;
    p *= 10;
  }
  if (x >= 10) return false;
  // Only digit k differs exactly when a - b equals the difference of the two digits there.
  return a - b === ((Math.floor(a / p) % 10) - (Math.floor(b / p) % 10)) * p;
}
