import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from './working-days.ts';

describe('workingDaysBetween', () => {
  it('skips weekends and England and Wales bank holidays', () => {
    // Friday 19 December 2025 to Friday 2 January 2026: Christmas, Boxing Day and New Year's Day are holidays.
    expect(workingDaysBetween('2025-12-19', '2026-01-02')).toBe(7);
    expect(workingDaysBetween('2026-03-02', '2026-03-06')).toBe(4);
    expect(workingDaysBetween('2026-03-06', '2026-03-02')).toBe(0);
    // Good Friday 3 April and Easter Monday 6 April 2026.
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
  });
});
