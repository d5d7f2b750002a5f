import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkDate,
  dateRule,
  eventDate,
  expectedBirthDate,
  londonDate,
  londonMidnight,
  longDate,
  nextDay,
  shiftDate,
  timeAndDate,
  today,
} from './dates.ts';
import { safeParseInput } from './issues.ts';

const what = 'the date of the visit';
const message = (raw: string, rules = {}) => {
  const r = checkDate(raw, what, rules);
  return 'message' in r ? r.message : r.iso;
};

describe('the one set of date rules', () => {
  it('answers with the GOV.UK date input messages', () => {
    expect(message('')).toBe('Enter the date of the visit');
    expect(message('--')).toBe('Enter the date of the visit');
    expect(message('2026--5')).toBe('Date of the visit must include a month');
    expect(message('--5')).toBe('Date of the visit must include a month and year');
    expect(message('2026--')).toBe('Date of the visit must include a day and month');
    expect(message('2026-02-31')).toBe('Date of the visit must be a real date');
    expect(message('2026-ab-05')).toBe('Date of the visit must be a real date');
    expect(message('26-11-20')).toBe('Date of the visit must include a year with 4 numbers');
    expect(message('20261-11-20')).toBe('Date of the visit must include a year with 4 numbers');
    expect(message('2026-3-5')).toBe('2026-03-05');
  });

  it('refuses implausible years and the wrong side of today', () => {
    expect(message('1900-06-01', { when: 'past', earliest: '2000-01-01' })).toBe(
      'Date of the visit must be on or after 1 January 2000',
    );
    expect(message('1800-06-01')).toBe('Date of the visit must be on or after 1 January 1900');
    expect(message(shiftDate(today(), { years: 1 }), { when: 'past' })).toBe(
      'Date of the visit must be today or in the past',
    );
    expect(message('2020-01-01', { when: 'future' })).toBe(
      'Date of the visit must be today or in the future',
    );
  });

  it('is one zod piece giving one message per field', () => {
    const schema = z.object({ date: eventDate(what) });
    for (const [raw, msg] of [
      ['ab-cd-ef', 'Date of the visit must be a real date'],
      ['1900-01-01', 'Date of the visit must be on or after 1 January 2000'],
    ] as const) {
      const r = safeParseInput(schema, { date: raw });
      expect(r.ok ? [] : r.errors).toEqual([{ field: 'date', message: msg }]);
    }
    expect(safeParseInput(schema, {})).toEqual({
      ok: false,
      errors: [{ field: 'date', message: 'Enter the date of the visit' }],
    });
  });

  it('keeps an unborn child’s expected date ahead, within ten months', () => {
    expect(expectedBirthDate.safeParse('2020-01-01').error?.issues[0]?.message).toBe(
      'Expected date of birth must be today or in the future',
    );
    expect(expectedBirthDate.safeParse(shiftDate(today(), { years: 2 })).error?.issues[0]?.message).toBe(
      'Expected date of birth must be within the next 10 months',
    );
    expect(expectedBirthDate.parse(shiftDate(today(), { months: 3 }))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dateRule('the “from” date').safeParse('x').error?.issues[0]?.message).toBe(
      '“From” date must be a real date',
    );
  });
});

describe('the one way a date is shown', () => {
  it('is "1 December 2026" for a day, a Date and a timestamp, in England’s time', () => {
    expect(longDate('2026-12-01')).toBe('1 December 2026');
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    expect(longDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(longDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
    expect(longDate(null)).toBe('');
    expect(longDate('')).toBe('');
  });

  it('says a moment as "3:45pm on 2 December 2026"', () => {
    expect(timeAndDate(new Date('2026-12-02T15:45:00Z'))).toBe('3:45pm on 2 December 2026');
    expect(timeAndDate(new Date('2026-07-02T11:05:00Z'))).toBe('12:05pm on 2 July 2026');
    expect(timeAndDate(new Date('2026-12-02T00:05:00Z'))).toBe('12:05am on 2 December 2026');
  });
});

describe('days in England', () => {
  it('begin at 00:00 London time: GMT in winter, BST in summer, and on the days the clocks change', () => {
    expect(londonMidnight('2026-12-03').toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(londonMidnight('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    // The clocks go forward at 01:00 GMT on 29 March 2026 and back at 01:00 GMT on 25 October.
    expect(londonMidnight('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(londonMidnight('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(londonMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(londonMidnight('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('name the day an instant falls on in England, and the day after', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate('2026-12-31T23:30:00Z')).toBe('2026-12-31');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
