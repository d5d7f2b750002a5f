import { describe, expect, it } from 'vitest';
import { detect } from '../src/detect.ts';
import { CAST, byText, texts } from './helpers.ts';

const spans = (text: string) => detect(text, { cast: CAST, policy: { detectUncast: false } }).spans;

describe('cast detector', () => {
  it('finds full names, first names, titled surnames, possessives and nicknames', () => {
    const s = spans("Kerry Smith said Jayden's coat was wet. Ms Smith told Jay to wait for Mr Brennan.");
    expect(texts(s)).toEqual(['Kerry Smith', 'Jayden', 'Ms Smith', 'Jay', 'Mr Brennan']);
    expect(s.map((x) => x.detector)).toEqual(['cast', 'cast', 'cast', 'cast', 'cast']);
    expect(s[0]!.confidence).toBe(1);
  });
  it('finds any case and names split over a line break, hyphenated or not', () => {
    expect(texts(spans('JAYDEN SMITH; kyle brennan; Kyle\nBrennan; Mrs Oka-\nfor'))).toEqual([
      'JAYDEN SMITH',
      'kyle brennan',
      'Kyle\nBrennan',
      'Mrs Oka-\nfor',
    ]);
  });
  it('finds one-letter misspellings and initials', () => {
    const s = spans('Jaydn and Krery met KB. J.L.S. was present.');
    expect(byText(s, 'Jaydn')?.detector).toBe('cast:misspelling');
    expect(byText(s, 'Krery')?.detector).toBe('cast:misspelling');
    expect(byText(s, 'KB')?.detector).toBe('cast:initials');
    expect(byText(s, 'J.L.S.')?.detector).toBe('cast:initials');
  });
  it('keeps a lower-case everyday word that is also a cast name, but not a capitalised one', () => {
    expect(texts(spans('a grace period; Amber said'))).toEqual(['Amber']);
  });
  it('does not take another person with the same first name for the cast member', () => {
    expect(texts(spans('Sandra Whitfield, a neighbour, and Sandra Okafor'))).toEqual(['Sandra Okafor']);
  });
  it('gives a shared surname to the person the title points at', () => {
    const { spans: s, entities } = detect('Ms Smith and Mr Smith', {
      cast: { people: [...CAST.people, { id: 'dad', role: 'father', names: ['Dean Smith'] }] },
    });
    const who = (t: string) => entities.find((e) => e.id === byText(s, t)?.entity)?.castId;
    expect([who('Ms Smith'), who('Mr Smith')]).toEqual(['mother', 'dad']);
  });
  it('finds places, short names and school names ending in a possessive', () => {
    const s = spans(
      "She attended St Mary's C of E Primary School, then St Mary's again, and Leeds General Infirmary.",
    );
    expect(texts(s)).toEqual(["St Mary's C of E Primary School", "St Mary's", 'Leeds General Infirmary']);
  });
  it('finds cast identifiers in any spacing and dates of birth', () => {
    const s = spans(
      'Call 07700900123 or +44 7700 900 123, email KERRY.SMITH@example.com, NHS 9434765919, born 03/03/2015.',
    );
    expect(s.map((x) => [x.type, x.text, x.detector])).toEqual([
      ['PHONE', '07700900123', 'cast:identifier'],
      ['PHONE', '+44 7700 900 123', 'cast:identifier'],
      ['EMAIL', 'KERRY.SMITH@example.com', 'cast:identifier'],
      ['NHS_NUMBER', '9434765919', 'cast:identifier'],
      ['DATE', '03/03/2015', 'cast:dob'],
    ]);
  });
  it('links a pattern address that contains the cast street to the cast entity', () => {
    const { spans: s, entities } = detect('They lived at 14 Elm Road, Leeds LS6 2AB.', { cast: CAST });
    expect(s[0]!.text).toBe('14 Elm Road, Leeds LS6 2AB');
    expect(entities.find((e) => e.id === s[0]!.entity)?.castId).toBe('home');
  });
  it('takes a title only when it stands alone, never the "DS" at the end of a postcode', () => {
    const { spans: s } = detect('They lived at 14 Elm Road, Leeds LS6 1DS. Kerry’s partner stayed.', {
      cast: CAST,
    });
    expect(texts(s)).toEqual(['14 Elm Road, Leeds LS6 1DS', 'Kerry']);
  });
  it('finds a family by its surname in the plural, and names typed with combining accents', () => {
    const cast = { people: [...CAST.people, { id: 'z', role: 'aunt' as const, names: ['Zoë Brennan'] }] };
    const s = detect('The Smiths moved. Zoe\u0308 visited the Brennans.', {
      cast,
      policy: { detectUncast: false },
    }).spans;
    expect(texts(s)).toEqual(['Smiths', 'Zoe\u0308', 'Brennans']);
  });
  it('keeps a titled relative of the other sex apart from the cast member with that surname', () => {
    const { spans: s, entities } = detect('Ms Smith and Mr Smith (her father) met.', { cast: CAST });
    expect(s.map((x) => [x.text, x.detector, x.replacement])).toEqual([
      ['Ms Smith', 'cast', 'Mother'],
      ['Mr Smith', 'cast:surname', 'Person 1'],
    ]);
    expect(entities).toHaveLength(2);
  });
});
