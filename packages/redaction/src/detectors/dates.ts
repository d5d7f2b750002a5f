/** Dates and ages in the many forms reviews use, with a parser the pseudonymiser shares. */
import { monthNumber } from '@waypoint/identifiers';
import type { Detection } from '../types.ts';

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

/** Each form with a quick test every match passes: a month name, or digits joined by a separator. */
const PATTERNS: { re: RegExp; conf: number; needs: RegExp }[] = [
  // 3rd March 2019, Monday 3 March, 3rd of March, 2019
  {
    re: new RegExp(
      `\\b${DAY_RE}([0-3]?\\d)${ORD}\\s+(?:of\\s+)?(${MONTH_RE})\\.?(?:,?\\s+((?:19|20)\\d\\d))?\\b`,
      'gi',
    ),
    conf: 0.95,
    needs: MONTH_ANY,
  },
  // March 3rd, 2019
  {
    re: new RegExp(`\\b${DAY_RE}(${MONTH_RE})\\.?\\s+([0-3]?\\d)${ORD}(?:,?\\s+((?:19|20)\\d\\d))?\\b`, 'gi'),
    conf: 0.9,
    needs: MONTH_ANY,
  },
  // 03/03/19, 3.3.2019, 03-03-2019
  { re: /\b([0-3]?\d)([/.-])([01]?\d)\2((?:19|20)?\d\d)\b/g, conf: 0.9, needs: /\d[/.-]\d/ },
  // 2019-03-03
  { re: /\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b/g, conf: 0.95, needs: /\d-\d/ },
  // March 2019
  { re: new RegExp(`\\b(${MONTH_RE})\\.?,?\\s+((?:19|20)\\d\\d)\\b`, 'gi'), conf: 0.85, needs: MONTH_ANY },
];

/** The month a name matched by MONTH_RE stands for ("Sept", "Jun", "March"). */
function monthOf(s: string): number {
  return monthNumber(s);
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
  if (!/\d/.test(text)) return out;
  for (const { re, conf, needs } of PATTERNS) {
    if (!needs.test(text)) continue;
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
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS_WORDS = 'one|two|three|four|five|six|seven|eight|nine';
/** "4", "four", "twenty-one", "thirty three". */
const AGE_NUM = `(\\d{1,2}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\\s](?:${UNITS_WORDS})|${NUM_WORDS})`;
const UNIT = '(?:years?|yrs?|months?|weeks?|days?)';
const DECADES =
  "teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[1-9]0s|[1-9]0’s|[1-9]0's";
/** Words that may follow an approximate number that is an age ("about 15, …", "about 15 when …"). */
const AGE_FOLLOW =
  '(?=\\s*(?:[.,;:)!?"”’\']|$|\\s(?:when|at\\s+the\\s+time|and|or|but|then|years?|yrs?|y/o|yo)\\b))';
/**
 * Each age form with a quick test that any match needs (a word it must contain): a short document
 * without the word is not scanned with the full expression.
 */
const AGE_PATTERNS: [needs: RegExp, form: RegExp][] = [
  [
    /aged/i,
    new RegExp(
      `\\baged\\s+(?:about\\s+|around\\s+|approximately\\s+|nearly\\s+|almost\\s+|just\\s+)?${AGE_NUM}(?:\\s+${UNIT})?(?:\\s+(?:and\\s+)?\\d{1,2}\\s+months?)?(?:\\s+old)?`,
      'gi',
    ),
  ],
  [/old/i, new RegExp(`\\b${AGE_NUM}[-\\s]${UNIT}[-\\s]old\\b`, 'gi')],
  [/of\s+age/i, new RegExp(`\\b${AGE_NUM}\\s+${UNIT}\\s+of\\s+age\\b`, 'gi')],
  [/age/i, new RegExp(`\\bage(?:d)?\\s+${AGE_NUM}\\b`, 'gi')],
  // "12 y/o", "12yo", "12 yrs", "a 15yr old"
  [/\d\s?y/i, /\b\d{1,2}\s?(?:y\/o|y\.o\.?|yo|yrs?(?:\s+old)?|yr-old|yr\s+old)(?![\p{L}\d])/giu],
  // "in his late thirties", "in her early 20s", "a woman in her mid-forties"
  [
    /ties|teens|0s|0['’]s/i,
    new RegExp(
      `\\bin\\s+(?:his|her|their|my|your|the)\\s+(?:(?:early|mid|late)[-\\s]?)?(?:${DECADES})\\b`,
      'giu',
    ),
  ],
  // "she was 13 when", "he turned 16 at the time": a bare number that the next words make an age.
  [
    /\d\s+(?:when|at\s)/i,
    /(?<=\b(?:was|is|were|turned|turning|now)\s+)\d{1,2}(?=\s+(?:when|at\s+the\s+time)\b)/gi,
  ],
  // "about 15", "approximately 40" where an age is meant (followed by a comma, a full stop or "when").
  [
    /about|around|approximately|roughly|nearly|almost|only|just/i,
    new RegExp(
      `(?<=\\b(?:was|is|were|be|being|of|aged|boy|girl|man|woman|child|teenager|son|daughter|brother|sister|now)\\s+)(?:about|around|approximately|roughly|nearly|almost|only|just)\\s+${AGE_NUM}${AGE_FOLLOW}`,
      'giu',
    ),
  ],
];
/** A bare number in brackets after a name or role: "Mother (31)", "Kyle Brennan (24)". */
const BRACKET_AGE = /(?<=\p{L}['’]?s?\s?)\((\d{1,2})\)(?!\s*(?:am|pm|%))/gu;
/** Words before "(N)" that make it a list item or a citation, not an age. */
const NOT_AGE_BEFORE =
  /\b(?:section|sections|paragraph|para|page|pages|point|points|recommendation|recommendations|finding|findings|footnote|note|appendix|table|figure|fig|chapter|item|items|question|regulation|regulations|rule|article|schedule|part|step|stage|level|option|category|criteria|criterion|act|s|p|pp|no|number|year|years|key|phase|round|tier|grade|band|type|class|group)\s?$/i;

/** Parses "aged 4", "a 17-year-old", "18 months old", "(31)", "12 y/o" to a value and unit, or null. */
export function parseAge(
  text: string,
): { value: number; unit: 'years' | 'months' | 'weeks' | 'days' } | null {
  const m = new RegExp(AGE_NUM, 'i').exec(text);
  if (!m) return null;
  const raw = m[1]!.toLowerCase();
  const value = /^\d+$/.test(raw) ? Number(raw) : wordsToNumber(raw);
  if (value === undefined) return null;
  const unit =
    /month/i.test(text) && !/year/i.test(text)
      ? 'months'
      : /week/i.test(text)
        ? 'weeks'
        : /\bdays?\b/i.test(text)
          ? 'days'
          : 'years';
  return { value, unit };
}

const SMALL =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
function wordsToNumber(raw: string): number | undefined {
  const parts = raw.split(/[-\s]+/);
  const t = TENS.indexOf(parts[0]!);
  if (t >= 0) return (t + 2) * 10 + (parts[1] ? SMALL.indexOf(parts[1]) + 1 : 0);
  const s = SMALL.indexOf(parts[0]!);
  return s >= 0 ? s + 1 : undefined;
}

/**
 * Finds ages: "aged 4", "a 17-year-old", "18 months old", "age 9", "aged thirteen", "12 y/o",
 * "Mother (31)", "about 15", "in his late thirties".
 * @example
 * detectAges('a 17-year-old boy')[0]?.start; // 2
 */
export function detectAges(text: string, offset = 0): Detection[] {
  const out: Detection[] = [];
  const push = (s: number, e: number, conf: number): void => {
    out.push({ start: offset + s, end: offset + e, type: 'AGE', detector: 'pattern:age', confidence: conf });
  };
  for (const [needs, re] of AGE_PATTERNS) {
    if (!needs.test(text)) continue;
    for (const m of text.matchAll(re)) push(m.index, m.index + m[0].length, 0.9);
  }
  if (text.includes('('))
    for (const m of text.matchAll(BRACKET_AGE)) {
      const before = text.slice(Math.max(0, m.index - 20), m.index);
      if (NOT_AGE_BEFORE.test(before)) continue;
      // The word before is a name or a role: capitalised, or a family or role word.
      const word = /([\p{L}'’]+)\s?$/u.exec(before)?.[1] ?? '';
      if (!/^\p{Lu}/u.test(word) && !ROLE_WORDS.test(word)) continue;
      push(m.index + 1, m.index + m[0].length - 1, 0.85);
    }
  // In text order, a form inside another one dropped ("9 yrs old" is found by two patterns).
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((d, i) => i === 0 || d.start >= out[i - 1]!.end);
}

const ROLE_WORDS =
  /^(?:mother|father|mum|dad|stepfather|stepmother|partner|boyfriend|girlfriend|sibling|brother|sister|son|daughter|child|baby|infant|grandmother|grandfather|nan|grandad|uncle|aunt|cousin|neighbour|friend|lodger|carer|man|woman|boy|girl|adult|teenager|male|female|half-sibling|step-sibling)s?['’]?s?$/i;

const HOLIDAYS =
  "(?:Christmas(?:\\s+(?:Eve|Day))?|Boxing\\s+Day|New\\s+Year['’]?s?(?:\\s+(?:Eve|Day))?|Easter(?:\\s+(?:Sunday|Monday|holidays?))?|Good\\s+Friday|Hallowe['’]?en|Bonfire\\s+Night|Guy\\s+Fawkes\\s+Night|Valentine['’]?s\\s+Day|Mother['’]?s\\s+Day|Father['’]?s\\s+Day|Eid(?:\\s+al-(?:Fitr|Adha))?|Diwali|Hanukkah|Ramadan|Whitsun|half[-\\s]term|the\\s+(?:summer|Easter|Christmas|October)\\s+holidays?)";
const HOLIDAY_YEAR = new RegExp(`\\b${HOLIDAYS}(?:\\s+of)?,?\\s+((?:19|20)\\d\\d)\\b`, 'g');

/**
 * Holidays with a year, which date an event as exactly as a date does: "Christmas Eve 2021",
 * "Easter 2019", "Bonfire Night 2020".
 * @example
 * detectHolidays('over Christmas Eve 2021')[0]?.start; // 5
 */
export function detectHolidays(text: string, offset = 0): Detection[] {
  const out: Detection[] = [];
  // Every form ends in a year: a text without one is not scanned.
  if (/(?:19|20)\d\d/.test(text))
    for (const m of text.matchAll(HOLIDAY_YEAR))
      out.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        type: 'DATE',
        detector: 'pattern:holiday',
        confidence: 0.9,
      });
  return out;
}
