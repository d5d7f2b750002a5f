import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  detectDayMonthOrder,
  isDayMonthTransposed,
  isOneDigitDifferent,
  parseDate,
} from '../src/dates.ts';

describe('parseDate', () => {
  it('reads the named formats', () => {
    expect(parseDate('20150307', 'YYYYMMDD')).toBe(20150307);
    expect(parseDate('2015-03-07', 'YYYY-MM-DD')).toBe(20150307);
    expect(parseDate('07/03/2015', 'DD/MM/YYYY')).toBe(20150307);
    expect(parseDate('03/07/2015', 'MM/DD/YYYY')).toBe(20150307);
    expect(parseDate('7/3/2015', 'auto')).toBe(20150307);
  });
  it('returns null for empty, malformed and impossible dates', () => {
    expect(parseDate('', 'YYYYMMDD')).toBeNull();
    expect(parseDate('2015-03-07', 'YYYYMMDD')).toBeNull();
    expect(parseDate('20150230', 'YYYYMMDD')).toBeNull();
    expect(parseDate('31/04/2015', 'DD/MM/YYYY')).toBeNull();
    expect(parseDate('29/02/2016', 'DD/MM/YYYY')).toBe(20160229);
  });
});

describe('date comparisons', () => {
  it('sees day and month transposed', () => {
    expect(isDayMonthTransposed(20150307, 20150703)).toBe(true);
    expect(isDayMonthTransposed(20150303, 20150303)).toBe(false);
    expect(isDayMonthTransposed(20150307, 20160703)).toBe(false);
  });
  it('sees exactly one digit different, even where subtraction borrows', () => {
    expect(isOneDigitDifferent(20150307, 20150308)).toBe(true);
    expect(isOneDigitDifferent(20150307, 20180307)).toBe(true);
    expect(isOneDigitDifferent(20150310, 20150301)).toBe(false);
    expect(isOneDigitDifferent(20150307, 20150307)).toBe(false);
    expect(isOneDigitDifferent(20150307, 20160308)).toBe(false);
  });
  it('counts days', () => {
    expect(dayNumber(19700102)).toBe(1);
    expect(dayNumber(20160301) - dayNumber(20160228)).toBe(2);
  });
});

describe('parseDate auto', () => {
  it('reads dots, spaces, month names and ISO times', () => {
    expect(parseDate('9.4.1949')).toBe(19490409);
    expect(parseDate('28 Sep 1987')).toBe(19870928);
    expect(parseDate('28th September 1987')).toBe(19870928);
    expect(parseDate('September 28, 1987')).toBe(19870928);
    expect(parseDate('28-SEP-1987')).toBe(19870928);
    expect(parseDate('2015-03-07T00:00:00Z')).toBe(20150307);
    expect(parseDate('28 Sepp 1987')).toBeNull();
    expect(parseDate('31 Feb 1987')).toBeNull();
  });
  it('reads a column month first only when its values show it', () => {
    expect(detectDayMonthOrder(['03/07/2015', '12/25/2014'])).toBe('MDY');
    expect(detectDayMonthOrder(['03/07/2015', '25/12/2014'])).toBe('DMY');
    expect(detectDayMonthOrder(['03/07/2015'])).toBe('DMY');
    expect(parseDate('03/07/2015', 'auto', 'MDY')).toBe(20150307);
  });
});
