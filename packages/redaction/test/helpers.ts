import type { Cast } from '../src/cast.ts';
import type { Span } from '../src/types.ts';

/** A small fictional cast used across the tests. */
export const CAST: Cast = {
  people: [
    {
      id: 'child',
      role: 'child',
      names: ['Jayden Lee Smith'],
      nicknames: ['Jay'],
      dob: '2015-03-03',
      nhsNumber: '943 476 5919',
    },
    { id: 'sib', role: 'sibling', names: ['Amber Smith'] },
    {
      id: 'mother',
      role: 'mother',
      names: ['Kerry Smith'],
      title: 'Ms',
      phones: ['07700 900123'],
      emails: ['kerry.smith@example.com'],
    },
    { id: 'partner', role: 'mothers-partner', names: ['Kyle Brennan'] },
    { id: 'hv', role: 'professional', profession: 'health visitor', names: ['Sandra Okafor'] },
    { id: 'sw1', role: 'professional', profession: 'social worker', names: ['Priya Patel'] },
    { id: 'sw2', role: 'professional', profession: 'social worker', names: ['Tom Hughes'] },
    { id: 'james', role: 'sibling', names: ['James Smith'] },
  ],
  places: [
    { id: 'home', kind: 'address', names: ['14 Elm Road, Leeds LS6 2AB'] },
    { id: 'school', kind: 'school', names: ["St Mary's C of E Primary School", "St Mary's"] },
    { id: 'hosp', kind: 'hospital', names: ['Leeds General Infirmary'] },
  ],
};

/** The text of each span, for compact assertions. */
export const texts = (spans: readonly Span[]): string[] => spans.map((s) => s.text);
export const byText = (spans: readonly Span[], t: string): Span | undefined =>
  spans.find((s) => s.text === t);
