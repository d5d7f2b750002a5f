/**
 * Dates of birth: parsing in a named format and the comparisons the model uses. A date is held as
 * the integer yyyymmdd (0 for missing) and as a day number, so comparisons are integer arithmetic.
 */

/** Date formats the CLI and library accept. `auto` tries ISO, then YYYYMMDD, then DD/MM/YYYY. */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYYMMDD',
  'DD/MM/YYYY',
  'DD-MM-YYYY',
  'MM/DD/YYYY',
  'auto',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const PATTERNS: Record<Exclude<DateFormat, 'auto'>, { re: RegExp; y: number; m: number; d: number }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/, y: 1, m: 2, d: 3 },
  YYYYMMDD: { re: /^(\d{4})(\d{2})(\d{2})$/, y: 1, m: 2, d: 3 },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 2, d: 1 },
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, y: 3, m: 2, d: 1 },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 1, d: 2 },
};

/** True when y-m-d is a real calendar date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2200) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parse a date in the given format into yyyymmdd, or null when it is empty or not a real date.
 * @example parseDate('07/03/2015', 'DD/MM/YYYY') // 20150307
 */
export function parseDate(input: string | null | undefined, format: DateFormat = 'auto'): number | null {
  if (input == null) return null;
  const s = input.trim();
  if (s === '') return null;
  if (format === 'auto') {
    for (const f of ['YYYY-MM-DD', 'YYYYMMDD', 'DD/MM/YYYY'] as const) {
      const v = parseDate(s, f);
      if (v !== null) return v;
    }
    return null;
  }
  const p = PATTERNS[format];
  const match = p.re.exec(s);
  if (!match) return null;
  const y = Number(match[p.y]);
  const m = Number(match[p.m]);
  const d = Number(match[p.d]);
  return isRealDate(y, m, d) ? y * 10000 + m * 100 + d : null;
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
