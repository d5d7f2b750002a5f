/** Dates and ages in the many forms reviews use, with a parser the pseudonymiser shares. */
import type { Detection } from '../types.ts';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_RE =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const MONTH_ANY = new RegExp(MONTH_RE, 'i');
const DAY_RE = '(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+(?:the\\s+)?)?';
const ORD = '(?:st|nd|rd|th)?';

/** A date as far as the text gives it. */
export interface ParsedDate {
  year?: number;
  /** 1–12 */
  month: number;
  day?: number;
}

const PATTERNS: { re: RegExp; conf: number }[] = [
  // 3rd March 2019, Monday 3 March, 3rd of March, 2019
  {
    re: new RegExp(
      `\\b${DAY_RE}([0-3]?\\d)${ORD}\\s+(?:of\\s+)?(${MONTH_RE})\\.?(?:,?\\s+((?:19|20)\\d\\d))?\\b`,
      'gi',
    ),
    conf: 0.95,
  },
  // March 3rd, 2019
  {
    re: new RegExp(`\\b${DAY_RE}(${MONTH_RE})\\.?\\s+([0-3]?\\d)${ORD}(?:,?\\s+((?:19|20)\\d\\d))?\\b`, 'gi'),
    conf: 0.9,
  },
  // 03/03/19, 3.3.2019, 03-03-2019
  { re: /\b([0-3]?\d)([/.-])([01]?\d)\2((?:19|20)?\d\d)\b/g, conf: 0.9 },
  // 2019-03-03
  { re: /\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b/g, conf: 0.95 },
  // March 2019
  { re: new RegExp(`\\b(${MONTH_RE})\\.?,?\\s+((?:19|20)\\d\\d)\\b`, 'gi'), conf: 0.85 },
];

function monthOf(s: string): number {
  const l = s.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(l)) + 1;
}

function year(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  return s.length === 2 ? (n > 50 ? 1900 + n : 2000 + n) : n;
}

/**
 * Parses a date span in any of the detector's forms (day-first for numeric dates, as in the UK).
 * @example
 * parseDate('3rd March 2019'); // { day: 3, month: 3, year: 2019 }
 */
export function parseDate(text: string): ParsedDate | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(t);
  if (m) return valid({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(t);
  if (m) return valid({ day: Number(m[1]), month: Number(m[2]), ...opt(year(m[3])) });
  const mon = MONTH_ANY.exec(t.replace(/^\w+day,?\s+/i, ''));
  if (!mon) return null;
  const month = monthOf(mon[0]);
  const nums = [...t.matchAll(/\d+/g)].map((x) => x[0]);
  const yr = nums.find((n) => n.length === 4);
  const dy = nums.find((n) => n.length <= 2);
  return valid({ month, ...opt(year(yr)), ...(dy === undefined ? {} : { day: Number(dy) }) });
}

function opt(y: number | undefined): { year?: number } {
  return y === undefined ? {} : { year: y };
}

function valid(d: ParsedDate): ParsedDate | null {
  if (d.month < 1 || d.month > 12) return null;
  if (d.day !== undefined && (d.day < 1 || d.day > 31)) return null;
  return d;
}

/**
 * Finds dates. Numeric dates must parse as real day/month values.
 * @example
 * detectDates('Seen on 03/03/19.')[0]; // { start: 8, end: 16, type: 'DATE', … }
 */
export function detectDates(text: string, offset = 0): Detection[] {
  const out: Detection[] = [];
  for (const { re, conf } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (!parseDate(m[0])) continue;
      // "May 2019" needs a capital: "may 2019" is more likely a verb and a number.
      if (/^may\b/.test(m[0])) continue;
      out.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        type: 'DATE',
        detector: 'pattern:date',
        confidence: conf,
      });
    }
  }
  return out;
}

const NUM_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const AGE_NUM = `(\\d{1,2}|${NUM_WORDS})`;
const UNIT = '(?:years?|yrs?|months?|weeks?|days?)';
const AGE_PATTERNS: RegExp[] = [
  new RegExp(
    `\\baged\\s+${AGE_NUM}(?:\\s+${UNIT})?(?:\\s+(?:and\\s+)?\\d{1,2}\\s+months?)?(?:\\s+old)?`,
    'gi',
  ),
  new RegExp(`\\b${AGE_NUM}[-\\s]${UNIT}[-\\s]old\\b`, 'gi'),
  new RegExp(`\\bage\\s+${AGE_NUM}\\b`, 'gi'),
];

/** Parses "aged 4", "a 17-year-old", "18 months old" to years (fractions for months), or null. */
export function parseAge(
  text: string,
): { value: number; unit: 'years' | 'months' | 'weeks' | 'days' } | null {
  const m = new RegExp(AGE_NUM, 'i').exec(text);
  if (!m) return null;
  const raw = m[1]!.toLowerCase();
  const words = NUM_WORDS.split('|');
  const value = /^\d+$/.test(raw) ? Number(raw) : words.indexOf(raw) + 1;
  const unit =
    /month/i.test(text) && !/year/i.test(text)
      ? 'months'
      : /week/i.test(text)
        ? 'weeks'
        : /day/i.test(text)
          ? 'days'
          : 'years';
  return { value, unit };
}

/**
 * Finds ages: "aged 4", "a 17-year-old", "18 months old", "age 9".
 * @example
 * detectAges('a 17-year-old boy')[0]?.start; // 2
 */
export function detectAges(text: string, offset = 0): Detection[] {
  const out: Detection[] = [];
  for (const re of AGE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      out.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        type: 'AGE',
        detector: 'pattern:age',
        confidence: 0.9,
      });
    }
  }
  return out;
}
