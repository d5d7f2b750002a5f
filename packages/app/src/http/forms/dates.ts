/**
 * The one set of date rules for every form and API input: zod pieces that take a `YYYY-MM-DD`
 * string (the API's form, and what the page's GOV.UK date input is joined into) and answer with the
 * GOV.UK date input messages: "Enter the date of the visit", "Date of the visit must include a
 * month", "… must be a real date", "… must include a year with 4 numbers", "… must be today or in
 * the past". Four-digit years only, and a plausible range for what the date is.
 */
import { z } from 'zod';

/** The earliest date of any event on a child's journey (a visit, a note, a step). */
export const EARLIEST_EVENT = '2000-01-01';
/** The earliest date in anyone's life story (a birth, an address, a name, a relationship). */
export const EARLIEST_LIFE = '1900-01-01';
/** A child's record is for someone under 26 (care leavers are supported to 25). */
export const CHILD_MAX_YEARS = 25;

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in England, as YYYY-MM-DD. */
export const today = (): string => londonDay.format(new Date());

/** The day in England at the instant `at`, as YYYY-MM-DD. */
export const londonDate = (at: Date | string): string => londonDay.format(new Date(at));

/**
 * The instant a day begins in England (00:00 London time: GMT in winter, BST in summer).
 * @example londonMidnight('2026-07-01') // 2026-06-30T23:00:00.000Z
 */
export function londonMidnight(iso: string): Date {
  const utc = new Date(`${iso}T00:00:00Z`);
  // London is never more than an hour ahead of UTC, and the clocks change at 01:00 UTC.
  for (const hours of [-1, 0]) {
    const at = new Date(utc.getTime() + hours * 3_600_000);
    if (londonDate(at) === iso && londonDate(new Date(at.getTime() - 1)) !== iso) return at;
  }
  throw new Error(`no midnight in London on ${iso}`);
}

/** The day after `iso`, as YYYY-MM-DD. */
export function nextDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day `n` years (or months) from `iso`, as YYYY-MM-DD. */
export function shiftDate(iso: string, by: { years?: number; months?: number }): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + (by.years ?? 0), d.getUTCMonth() + (by.months ?? 0));
  return d.toISOString().slice(0, 10);
}

const longFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const londonLong = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const londonTime = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "1 December 2026": THE way a date is shown, on every page (the `date` filter), message and
 * notification. A calendar day ('YYYY-MM-DD') is that day; a moment (a Date or a timestamp) is
 * its day in England. Empty for nothing; anything unreadable is shown as it came.
 */
export function longDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && DAY.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? value : longFormat.format(d);
  }
  if (!(value instanceof Date) && typeof value !== 'string') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  return londonLong.format(d);
}

/** "3:45pm on 1 December 2026", in England's time (GOV.UK style: 12-hour, no leading zero). */
export function timeAndDate(value: Date | string): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const time = londonTime.format(d).replace(/\s/g, '').replace(/^0:/, '12:').toLowerCase();
  return `${time} on ${londonLong.format(d)}`;
}

/** "the date of the visit" → "Date of the visit": how GOV.UK messages start. */
export function subjectOf(what: string): string {
  const s = what.replace(/^the /i, '');
  // The first letter, after any opening quote: '“from” date' → '“From” date'.
  return s.replace(/\p{L}/u, (c) => c.toUpperCase());
}

type Bound = string | (() => string);
const valueOf = (b: Bound) => (typeof b === 'function' ? b() : b);

export interface DateRules {
  /** 'past': today or earlier; 'future': today or later; 'any' (the default for `dateRule`). */
  when?: 'past' | 'future' | 'any';
  /** The earliest date allowed, inclusive. */
  earliest?: Bound;
  /** The latest date allowed, inclusive, and the words for it ("within the next 10 months"). */
  latest?: { date: Bound; words: string };
  /**
   * The day 'past' and 'future' are judged against, and its words, instead of today: the data
   * import judges a census against its reference date ("the census date, 31 March 2026").
   */
  asOf?: { day: string; words: string };
}

const parts = ['day', 'month', 'year'] as const;

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * Checks one date as typed (`YYYY-MM-DD`, parts may be blank or unpadded) against the rules.
 * Returns the canonical ISO date, or the one GOV.UK message that names the problem.
 * @example checkDate('2026-2-30', 'the date of the visit', {}) // { message: 'Date of the visit must be a real date' }
 */
export function checkDate(
  raw: string,
  what: string,
  rules: DateRules = {},
): { iso: string } | { message: string } {
  const subject = subjectOf(what);
  const text = raw.trim();
  if (text === '') return { message: `Enter ${what}` };
  const m = /^([^-]*)-([^-]*)-([^-]*)$/.exec(text);
  if (m === null) return { message: `${subject} must be a real date` };
  const [y, mo, d] = [m[1]!.trim(), m[2]!.trim(), m[3]!.trim()];
  const given = { day: d, month: mo, year: y };
  const missing = parts.filter((p) => given[p] === '');
  if (missing.length === 3) return { message: `Enter ${what}` };
  if (missing.length > 0) return { message: `${subject} must include a ${joinWords([...missing])}` };
  if (![d, mo, y].every((p) => /^\d+$/.test(p)) || d.length > 2 || mo.length > 2)
    return { message: `${subject} must be a real date` };
  if (y.length !== 4) return { message: `${subject} must include a year with 4 numbers` };
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || !t.toISOString().startsWith(iso))
    return { message: `${subject} must be a real date` };
  const now = rules.asOf?.day ?? today();
  const on = rules.asOf?.words;
  if (rules.when === 'past' && iso > now)
    return {
      message: `${subject} must be ${on === undefined ? 'today or in the past' : `on or before ${on}`}`,
    };
  if (rules.when === 'future' && iso < now)
    return {
      message: `${subject} must be ${on === undefined ? 'today or in the future' : `on or after ${on}`}`,
    };
  const earliest = rules.earliest === undefined ? EARLIEST_LIFE : valueOf(rules.earliest);
  if (iso < earliest) return { message: `${subject} must be on or after ${longDate(earliest)}` };
  if (rules.latest !== undefined && iso > valueOf(rules.latest.date))
    return { message: `${subject} must be ${rules.latest.words}` };
  return { iso };
}

/**
 * A date input with these rules, as one zod piece (one message per field, never stacked).
 * `what` names it in messages: "the date of the visit".
 */
export function dateRule(what: string, rules: DateRules = {}) {
  return z
    .string({ error: `Enter ${what}` })
    .transform((raw, ctx) => {
      const r = checkDate(raw, what, rules);
      if ('message' in r) {
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }
      return r.iso;
    })
    .describe('A date, YYYY-MM-DD');
}

/** Event-date schemas, and what each is called in messages. */
const eventDates = new WeakMap<z.ZodType, string>();

/** Something that has happened on a child's journey: today or earlier, not before 2000, not before their birth. */
export const eventDate = (what: string) => {
  const schema = dateRule(what, { when: 'past', earliest: EARLIEST_EVENT });
  eventDates.set(schema, what);
  return schema;
};

/** The event date inside `schema` (optional, nullable or defaulted), if it is one. */
function eventDateWhat(schema: z.ZodType): string | undefined {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s.unwrap() as z.ZodType;
  return eventDates.get(s);
}

/** Whether `schema` is an event date (`eventDate`), possibly optional. */
export const isEventDate = (schema: z.ZodType): boolean => eventDateWhat(schema) !== undefined;

/**
 * The rule no schema can check alone: an event on a child's journey is not before their birth,
 * where it is known. Takes an object schema's parsed data; returns one error per event date
 * before `dateOfBirth`, in the GOV.UK form ("Date of the visit must be on or after Jayden’s date
 * of birth, 1 June 2015"). `monthsBefore` (the data import's tolerance for pre-birth work: a
 * referral, assessment or conference about an unborn child) moves the earliest day that many
 * months before the birth.
 */
export function eventDatesBeforeBirth(
  schema: z.ZodType,
  data: Record<string, unknown>,
  person: { dateOfBirth: string | null; givenName: string },
  opts: { monthsBefore?: number } = {},
): { field: string; message: string }[] {
  const dob = person.dateOfBirth;
  const before = opts.monthsBefore ?? 0;
  let s: z.ZodType = schema;
  while (s instanceof z.ZodPipe) s = s.in as z.ZodType;
  if (dob === null || !(s instanceof z.ZodObject)) return [];
  const errors: { field: string; message: string }[] = [];
  const shape: Record<string, z.ZodType> = s.shape;
  const earliest = before > 0 ? shiftDate(dob, { months: -before }) : dob;
  for (const [key, field] of Object.entries(shape)) {
    const what = eventDateWhat(field);
    const v = data[key];
    if (what !== undefined && typeof v === 'string' && v < earliest)
      errors.push({
        field: key,
        message:
          before > 0
            ? `${subjectOf(what)} must be no more than ${before} months before ${person.givenName}’s date of birth, ${longDate(dob)}`
            : `${subjectOf(what)} must be on or after ${person.givenName}’s date of birth, ${longDate(dob)}`,
      });
  }
  return errors;
}

/** A date in someone's life story (moved in, started using a name): today or earlier, not before 1900. */
export const lifeDate = (what: string) => dateRule(what, { when: 'past', earliest: EARLIEST_LIFE });

/** A date someone is working towards (a timescale): from 2000, up to five years ahead. */
export const plannedDate = (what: string) =>
  dateRule(what, {
    earliest: EARLIEST_EVENT,
    latest: { date: () => shiftDate(today(), { years: 5 }), words: 'within the next 5 years' },
  });

/**
 * An unborn child's expected date of birth: today (or the `asOf` day) or later, within the 10
 * months after it.
 * @example expectedBirthDateAsOf({ day: '2026-03-31', words: 'the census date, 31 March 2026' })
 */
export const expectedBirthDateAsOf = (asOf?: DateRules['asOf']) =>
  dateRule('the expected date of birth', {
    when: 'future',
    ...(asOf === undefined ? {} : { asOf }),
    latest: {
      date: () => shiftDate(asOf?.day ?? today(), { months: 10 }),
      words: asOf === undefined ? 'within the next 10 months' : `within 10 months of ${asOf.words}`,
    },
  });

/** An unborn child's expected date of birth: today or later, within the next 10 months. */
export const expectedBirthDate = expectedBirthDateAsOf();

/** A date of birth: today or earlier, not before 1900 (a child's is checked against their kind). */
export const birthDate = lifeDate('the date of birth');

/** Whether a child born on `dob` is young enough for a child's record. */
export const isChildAge = (dob: string) => dob >= shiftDate(today(), { years: -(CHILD_MAX_YEARS + 1) });
