import { describe, expect, it } from 'vitest';
import { addCalendarMonths, dueDateOf, extendedDateOf, timelinessOf } from './due-dates.ts';

describe('subject access time limits', () => {
  it('is one calendar month later, or the last day of a shorter month', () => {
    expect(dueDateOf('2027-01-31')).toBe('2027-02-28');
    expect(dueDateOf('2028-01-31')).toBe('2028-02-29');
    expect(dueDateOf('2027-03-15')).toBe('2027-04-15');
    expect(dueDateOf('2027-12-31')).toBe('2028-01-31');
    expect(dueDateOf('2027-08-31')).toBe('2027-09-30');
  });
  it('extends by two further months', () => {
    expect(extendedDateOf('2027-01-31')).toBe('2027-04-30');
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
  });
  it('tags overdue and due soon, only while open', () => {
    expect(timelinessOf({ status: 'open', dueOn: '2027-02-01' }, '2027-02-02')).toBe('overdue');
    expect(timelinessOf({ status: 'open', dueOn: '2027-02-05' }, '2027-02-01')).toBe('due-soon');
    expect(timelinessOf({ status: 'open', dueOn: '2027-03-05' }, '2027-02-01')).toBe('on-time');
    expect(timelinessOf({ status: 'completed', dueOn: '2027-02-01' }, '2027-03-01')).toBe('closed');
  });
});
