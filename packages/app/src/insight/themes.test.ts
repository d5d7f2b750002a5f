import { describe, expect, it } from 'vitest';
import { terms, themes } from './themes.ts';

describe('themes', () => {
  it('groups reports about the same thing and keeps different ones apart', () => {
    const reports = [
      'The visit form timed out and I lost my notes',
      'Lost the visit notes when the form timed out again',
      'Printer on floor 2 is broken',
      'The printer is broken so I could not print the plan',
      'Visit form timed out before I saved',
    ];
    const grouped = themes(reports, (r) => r);
    const of = (text: string) => grouped.findIndex((g) => g.items.includes(text));
    expect(of(reports[0]!)).toBe(of(reports[1]!));
    expect(of(reports[0]!)).toBe(of(reports[4]!));
    expect(of(reports[2]!)).toBe(of(reports[3]!));
    expect(of(reports[0]!)).not.toBe(of(reports[2]!));
    expect(grouped[0]?.items).toHaveLength(3);
    expect(grouped[0]?.name).toMatch(/visit|form|time/);
  });

  it('reduces words to comparable terms', () => {
    expect(terms('The forms were timing out')).toEqual(['form', 'tim']);
  });
});
