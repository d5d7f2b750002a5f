/** Date and age generalisation under the publication policy. */
import { parseAge, parseDate, type ParsedDate } from './detectors/dates.ts';
import type { Policy } from './policy.ts';

/** January … December, from the platform's own English calendar. */
const MONTH_NAMES = Array.from({ length: 12 }, (_, m) =>
  new Date(Date.UTC(2000, m, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }),
);

/** The anchor for relative dates: the child's pseudonym and date of birth. */
export interface Anchor {
  label: string;
  dob: ParsedDate & { year: number; day: number };
}

function ageText(months: number): string {
  if (months < 0) return '';
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (y === 0) return `${m} month${m === 1 ? '' : 's'}`;
  return m === 0
    ? `${y} year${y === 1 ? '' : 's'}`
    : `${y} year${y === 1 ? '' : 's'} ${m} month${m === 1 ? '' : 's'}`;
}

/**
 * Rewrites one date span under the policy.
 * @example
 * generaliseDate('3rd March 2019', 'month-year'); // 'March 2019'
 */
export function generaliseDate(text: string, policy: Policy['dates'], anchor?: Anchor): string {
  if (policy === 'keep') return text;
  const d = parseDate(text) ?? parseHoliday(text);
  if (!d || policy === 'redact') return '[date]';
  if ('holiday' in d) {
    if (policy === 'relative' || d.month === undefined) return String(d.year);
    return `${MONTH_NAMES[d.month - 1]!} ${d.year}`;
  }
  if (policy === 'year') return d.year === undefined ? '[date]' : String(d.year);
  if (policy === 'relative' && anchor && d.year !== undefined) {
    const day = d.day ?? 15;
    let months = (d.year - anchor.dob.year) * 12 + (d.month - anchor.dob.month);
    if (day < anchor.dob.day) months--;
    if (months < 0) {
      const before = -months;
      return `[${before} month${before === 1 ? '' : 's'} before ${anchor.label}'s birth]`;
    }
    return months === 0 &&
      d.day !== undefined &&
      d.day === anchor.dob.day &&
      d.month === anchor.dob.month &&
      d.year === anchor.dob.year
      ? `[${anchor.label}'s birth]`
      : `[${anchor.label} aged ${months === 0 ? 'under 1 month' : ageText(months)}]`;
  }
  const month = MONTH_NAMES[d.month - 1]!;
  return d.year === undefined ? month : `${month} ${d.year}`;
}

/** Holidays whose month is fixed: Christmas, New Year's Eve, Bonfire Night, Halloween, Valentine's Day. */
const HOLIDAY_MONTH: [RegExp, number][] = [
  [/^(?:christmas|boxing|new year['’]?s eve|the christmas)/i, 12],
  [/^(?:bonfire|guy fawkes)/i, 11],
  [/^hallowe/i, 10],
  [/^valentine/i, 2],
];

/** "Christmas Eve 2021" → its year and, where the holiday fixes it, its month. */
function parseHoliday(text: string): { holiday: true; year: number; month?: number } | null {
  const y = /\b((?:19|20)\d\d)$/.exec(text.trim());
  if (!y) return null;
  const month = HOLIDAY_MONTH.find(([re]) => re.test(text.trim()))?.[1];
  return { holiday: true, year: Number(y[1]), ...(month ? { month } : {}) };
}

const BANDS: [number, string][] = [
  [1, 'under 1'],
  [5, '1–4'],
  [10, '5–9'],
  [14, '10–13'],
  [18, '14–17'],
  [25, '18–24'],
  [35, '25–34'],
  [45, '35–44'],
  [55, '45–54'],
  [65, '55–64'],
];

/** The age band ("1–4", "14–17", "65+") for an age in years. */
export function ageBand(years: number): string {
  for (const [upper, label] of BANDS) if (years < upper) return label;
  return '65+';
}

/**
 * Rewrites one age span under the policy.
 * @example
 * generaliseAge('aged 4', 'band'); // 'aged 1–4'
 */
export function generaliseAge(text: string, policy: Policy['ages']): string {
  if (policy === 'keep') return text;
  // "in his late thirties" → "in his thirties"; "in her 20s" stays.
  const decade = /^in\s+(\p{L}+)\s+(?:(?:early|mid|late)[-\s]?)?(\S+)$/iu.exec(text);
  if (decade) return policy === 'redact' ? '[age]' : `in ${decade[1]} ${decade[2]}`;
  const a = parseAge(text);
  if (policy === 'redact' || !a) return '[age]';
  const years =
    a.unit === 'years'
      ? a.value
      : a.unit === 'months'
        ? a.value / 12
        : a.unit === 'weeks'
          ? a.value / 52
          : a.value / 365;
  const band = ageBand(years);
  if (/-(?:year|month|week|day)s?-old/i.test(text)) return `${band}-year-old`;
  if (/^\d{1,2}$/.test(text)) return band;
  const lead =
    /^(aged?(?:\s+(?:about|around|approximately|nearly|almost|just))?|about|around|approximately|roughly|nearly|almost|only|just)\s/i.exec(
      text,
    )?.[1];
  const old = /\bold$/i.test(text) ? ' years old' : '';
  return lead ? `${lead} ${band}${old}` : `${band} years old`;
}
