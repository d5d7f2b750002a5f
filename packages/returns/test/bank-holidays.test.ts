import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  bankHolidays,
  easterSunday,
  isBankHoliday,
  isWorkingDay,
} from '../src/calendar/bank-holidays.ts';

describe('Easter', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('England and Wales bank holidays', () => {
  it('match the published list for 2022 to 2025 (the DfE validator’s list)', () => {
    expect(bankHolidays(2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(bankHolidays(2023)).toEqual([
      '2023-01-02',
      '2023-04-07',
      '2023-04-10',
      '2023-05-01',
      '2023-05-08',
      '2023-05-29',
      '2023-08-28',
      '2023-12-25',
      '2023-12-26',
    ]);
    expect(bankHolidays(2024)).toEqual([
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
    ]);
    expect(bankHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('move Christmas and Boxing Day off a weekend', () => {
    expect(bankHolidays(2021)).toContain('2021-12-27'); // Christmas on Saturday
    expect(bankHolidays(2021)).toContain('2021-12-28');
    expect(bankHolidays(2026)).toContain('2026-12-28'); // Boxing Day on Saturday
    expect(bankHolidays(2027)).toEqual(expect.arrayContaining(['2027-12-27', '2027-12-28']));
  });

  it('move New Year’s Day to the Monday', () => {
    expect(bankHolidays(2028)).toContain('2028-01-03'); // 1 January 2028 is a Saturday
    expect(bankHolidays(2034)).toContain('2034-01-02'); // a Sunday
  });

  it('know the moved May holidays and the one-off holidays', () => {
    expect(bankHolidays(2020)).toContain('2020-05-08');
    expect(bankHolidays(2020)).not.toContain('2020-05-04');
    expect(bankHolidays(2012)).toEqual(expect.arrayContaining(['2012-06-04', '2012-06-05']));
    expect(bankHolidays(2012)).not.toContain('2012-05-28');
    expect(isBankHoliday('2011-04-29')).toBe(true);
    expect(isBankHoliday('1999-12-31')).toBe(true);
    expect(isBankHoliday('2023-05-08')).toBe(true);
  });

  it('count working days over weekends and Easter', () => {
    expect(isWorkingDay('2025-04-18')).toBe(false); // Good Friday
    expect(isWorkingDay('2025-04-19')).toBe(false); // Saturday
    expect(addWorkingDays('2025-04-17', 1)).toBe('2025-04-22'); // over Good Friday to Easter Monday
    expect(addWorkingDays('2025-04-22', -1)).toBe('2025-04-17');
    expect(addWorkingDays('2025-03-31', -15)).toBe('2025-03-10');
    expect(addWorkingDays('2024-04-01', -1)).toBe('2024-03-28'); // Easter Monday, Good Friday
  });
});
