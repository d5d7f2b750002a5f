/** Date and age generalisation under the publication policy. */
import { parseAge, parseDate, type ParsedDate } from './detectors/dates.ts';
import type { Policy } from './policy.ts';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

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
  const d = parseDate(text);
  if (policy === 'keep') return text;
  if (!d || policy === 'redact') return '[date]';
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
  const lead = /^(aged?)\s/i.exec(text)?.[1];
  const old = /\bold$/i.test(text) ? ' years old' : '';
  return lead ? `${lead} ${band}${old}` : `${band} years old`;
}
