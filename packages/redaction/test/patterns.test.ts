import { describe, expect, it } from 'vitest';
import { detectPatterns } from '../src/detectors/patterns.ts';
import { parseDate } from '../src/detectors/dates.ts';
import { detect } from '../src/detect.ts';

const found = (text: string): [string, string][] =>
  detectPatterns(text).map((d) => [d.type, text.slice(d.start, d.end)]);

describe('identifier patterns', () => {
  it('finds NHS numbers only with a valid check digit, or when the text says NHS', () => {
    expect(found('Number 943 476 5919 here')).toContainEqual(['NHS_NUMBER', '943 476 5919']);
    expect(found('Number 943 476 5918 here').some(([t]) => t === 'NHS_NUMBER')).toBe(false);
    expect(found('NHS no. 943 476 5918')).toContainEqual(['NHS_NUMBER', '943 476 5918']);
  });
  it('finds UPNs, NI numbers, vehicle registrations and references', () => {
    expect(found('UPN A801200001001')).toContainEqual(['ID', 'A801200001001']);
    expect(found('NI number JT 12 34 56 C given')).toContainEqual(['ID', 'JT 12 34 56 C']);
    expect(found('a car, AB12 CDE, parked')).toContainEqual(['ID', 'AB12 CDE']);
    expect(found('logged as CR/2019/04512.')).toContainEqual(['ID', 'CR/2019/04512']);
    expect(found('case number 4471289 was')).toContainEqual(['ID', '4471289']);
  });
  it('finds UK phone numbers in national and international form', () => {
    expect(found('call 07700 900123 or +44 (0)113 496 0000 or 0113-496-0000')).toEqual(
      expect.arrayContaining([
        ['PHONE', '07700 900123'],
        ['PHONE', '+44 (0)113 496 0000'],
        ['PHONE', '0113-496-0000'],
      ]),
    );
  });
  it('finds emails (with accents), URLs and postcodes', () => {
    expect(found('write to ann.żak@example.co.uk.')).toContainEqual(['EMAIL', 'ann.żak@example.co.uk']);
    expect(found('see https://www.facebook.com/kerry.smith.1, then')).toContainEqual([
      'ID',
      'https://www.facebook.com/kerry.smith.1',
    ]);
    expect(found('postcode LS6 2AB and SW1A 1AA')).toEqual(
      expect.arrayContaining([
        ['POSTCODE', 'LS6 2AB'],
        ['POSTCODE', 'SW1A 1AA'],
      ]),
    );
  });
  it('finds a full address with flat, town and postcode, and a bare street', () => {
    expect(found('moved to Flat 2, 14 Elm Road, Leeds LS6 2AB last year')).toContainEqual([
      'ADDRESS',
      'Flat 2, 14 Elm Road, Leeds LS6 2AB',
    ]);
    expect(found('seen on Granby Street late at night')).toContainEqual(['PLACE', 'Granby Street']);
  });
});

describe('dates and ages', () => {
  it.each([
    ['3rd March 2019', { day: 3, month: 3, year: 2019 }],
    ['03/03/19', { day: 3, month: 3, year: 2019 }],
    ['3.3.2019', { day: 3, month: 3, year: 2019 }],
    ['Monday 4 March 2019', { day: 4, month: 3, year: 2019 }],
    ['March 3rd, 2019', { day: 3, month: 3, year: 2019 }],
    ['2019-03-03', { day: 3, month: 3, year: 2019 }],
    ['March 2019', { month: 3, year: 2019 }],
    ['14th Sept', { day: 14, month: 9 }],
  ])('finds and parses %s', (text, parsed) => {
    expect(found(`On ${text}, she`)).toContainEqual(['DATE', text]);
    expect(parseDate(text)).toEqual(parsed);
  });
  it('redacts a day and month without a year even though "March 3" looks like a pseudonym', () => {
    expect(detect('On March 3, she left.').spans.map((s) => [s.text, s.replacement])).toEqual([
      ['March 3', 'March'],
    ]);
  });
  it('does not take section numbers or times for dates', () => {
    expect(found('Section 47 at 10:30 with 3 visits in 2019').filter(([t]) => t === 'DATE')).toEqual([]);
  });
  it.each(['aged 4', '17-year-old', '18 months old', 'aged four', 'age 9'])('finds the age %s', (age) => {
    expect(found(`a ${age} child`)).toContainEqual(['AGE', age]);
  });
});
