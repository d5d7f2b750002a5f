/**
 * The forms real reviews write that the generated corpus did not: cast references in any spacing,
 * international phones, vehicles and sites, ages in brackets, abbreviations, words and decades,
 * holidays with a year, initials, everyday words as names, organisation heads, and one pseudonym
 * for every mention form of one person or place.
 */
import { describe, expect, it } from 'vitest';
import { parseCast } from '../src/cast.ts';
import { detect } from '../src/detect.ts';
import { detectAges, detectHolidays } from '../src/detectors/dates.ts';
import { generaliseAge, generaliseDate } from '../src/generalise.ts';
import { render } from '../src/render.ts';
import type { Span } from '../src/types.ts';

const found = (text: string, cast?: unknown): Span[] =>
  detect(text, cast ? { cast: parseCast(cast) } : {}).spans;
const typed = (spans: readonly Span[]): string[] => spans.map((s) => `${s.type}:${s.text}`);
const ages = (text: string): string[] => detectAges(text).map((d) => text.slice(d.start, d.end));

describe('cast identifiers in any spacing and separators', () => {
  const cast = {
    people: [{ id: 'c', role: 'child', names: ['Jayden Smith'], ids: ['QRS7012345'] }],
    identifiers: [
      { type: 'ID', value: 'REF 21/30417', owner: 'c' },
      { type: 'ID', value: 'LCS-4471289' },
    ],
  };
  it('matches a case number written with letters, a space, a hyphen or nothing', () => {
    const text = 'Case QRS 7012345, also qrs-7012345 and QRS7012345.';
    const spans = found(text, cast);
    expect(typed(spans)).toEqual(['ID:QRS 7012345', 'ID:qrs-7012345', 'ID:QRS7012345']);
    expect(new Set(spans.map((s) => s.entity)).size).toBe(1);
  });
  it('takes the letter prefix of a slashed reference with its digits, and the digits alone', () => {
    const text = 'Logged as REF 21/30417, then ref 21-30417, then 21/30417.';
    const spans = found(text, cast);
    expect(typed(spans)).toEqual(['ID:REF 21/30417', 'ID:ref 21-30417', 'ID:21/30417']);
    expect(render(text, spans).text).not.toMatch(/REF|30417/);
  });
  it('does not take a longer number that merely starts with a cast reference', () => {
    expect(typed(found('Number LCS 44712890 is another.', cast))).not.toContain('ID:LCS 4471289');
  });
});

describe('identifiers nobody listed', () => {
  it('finds phone numbers in international form', () => {
    const text = 'Call +353 87 123 4567, +1 (555) 123-4567, 0033 1 23 45 67 89 or +48 601-234-567.';
    expect(typed(found(text)).filter((s) => s.startsWith('PHONE'))).toEqual([
      'PHONE:+353 87 123 4567',
      'PHONE:+1 (555) 123-4567',
      'PHONE:0033 1 23 45 67 89',
      'PHONE:+48 601-234-567',
    ]);
  });
  it('gives one phone one placeholder entity however it is spaced', () => {
    const spans = found('Ring 07700 900456 or +44 7700 900456 or 07700900456.');
    expect(spans.filter((s) => s.type === 'PHONE')).toHaveLength(3);
    expect(new Set(spans.map((s) => s.entity)).size).toBe(1);
  });
  it('finds vehicle references by context, prefixed references and sites without a house number', () => {
    const text =
      'A van with number plate ending 4KD, case QRS 7012345. They lived at Plot 14, then Unit 3B, Kingsway Trading Estate, then Pitch 7 at Meadow Lane caravan site.';
    expect(typed(found(text))).toEqual(
      expect.arrayContaining([
        'ID:4KD',
        'ID:QRS 7012345',
        'ADDRESS:Plot 14',
        'ADDRESS:Unit 3B, Kingsway Trading Estate',
        'ADDRESS:Pitch 7 at Meadow Lane caravan site',
      ]),
    );
  });
});

describe('ages as reviews write them', () => {
  it('finds a bare number in brackets after a name or a role, not after a section or in a list', () => {
    expect(ages('Mother (31) and Kyle Brennan (24) and her partner (29) attended.')).toEqual([
      '31',
      '24',
      '29',
    ]);
    expect(ages('See section (2), recommendation (3) and the options (1) to (4).')).toEqual([]);
  });
  it('finds abbreviations, approximations, words and decades', () => {
    expect(ages('a 12 y/o boy, a 15yo and a 9 yrs old girl')).toEqual(['12 y/o', '15yo', '9 yrs old']);
    expect(ages('She was about 15 when she met him; he was aged thirteen; he is aged twenty-one.')).toEqual([
      'about 15',
      'aged thirteen',
      'aged twenty-one',
    ]);
    expect(ages('a man in his late thirties and a woman in her early 20s')).toEqual([
      'in his late thirties',
      'in her early 20s',
    ]);
  });
  it('finds a bare number that the next words make an age, and an approximation before a quote', () => {
    expect(ages('Oliwia was 13 when she disclosed. He was "a lovely lad until he was about 14".')).toEqual([
      '13',
      'about 14',
    ]);
  });
  it('leaves approximate numbers that are not ages', () => {
    expect(ages('The call lasted about 15 minutes and was one of about 40 calls.')).toEqual([]);
  });
  it('generalises each form under the band policy', () => {
    expect(generaliseAge('31', 'band')).toBe('25–34');
    expect(generaliseAge('12 y/o', 'band')).toBe('10–13 years old');
    expect(generaliseAge('about 15', 'band')).toBe('about 14–17');
    expect(generaliseAge('aged thirteen', 'band')).toBe('aged 10–13');
    expect(generaliseAge('in his late thirties', 'band')).toBe('in his thirties');
  });
});

describe('holidays with a year', () => {
  it('are dates, generalised to their month and year where the holiday fixes the month', () => {
    const text = 'On Christmas Eve 2021 and at Easter 2019, and over Bonfire Night 2020.';
    expect(detectHolidays(text).map((d) => text.slice(d.start, d.end))).toEqual([
      'Christmas Eve 2021',
      'Easter 2019',
      'Bonfire Night 2020',
    ]);
    expect(generaliseDate('Christmas Eve 2021', 'month-year')).toBe('December 2021');
    expect(generaliseDate('Easter 2019', 'month-year')).toBe('2019');
    expect(detectHolidays('at Christmas the family')).toEqual([]);
  });
});

describe('people outside the cast', () => {
  it('takes initials as people with context, not abbreviations', () => {
    const text =
      'T.B. visited. Her friend KD said that KD’s flat was cold. The GP and the UK and the U.S. and the LA did not.';
    expect(typed(found(text)).filter((s) => s.startsWith('PERSON'))).toEqual([
      'PERSON:T.B.',
      'PERSON:KD',
      'PERSON:KD',
    ]);
  });
  it('takes first names that are everyday words by context', () => {
    const text =
      'Her friend Autumn said that Guy had left. Autumn told the school. In the autumn the family moved.';
    const spans = found(text);
    expect(typed(spans)).toEqual(['PERSON:Autumn', 'PERSON:Guy', 'PERSON:Autumn']);
    expect(spans[0]!.entity).toBe(spans[2]!.entity);
  });
  it('takes initials in apposition and at the end of a sentence, and keeps them in their case', () => {
    const text =
      'No check was made when KD, a family friend, was named. She was seen by a support worker, J.P. In May she left.';
    const spans = found(text).filter((s) => s.type === 'PERSON');
    expect(spans.map((s) => s.text)).toEqual(['KD', 'J.P.']);
    expect(spans[1]!.replacement).toBe('Person 2');
  });
  it('takes a name after a relationship word or "known as", and a calendar word before a surname', () => {
    const text =
      'She stayed with her sister Nasreen and a friend, Summer Taylor. A man known as Hope gave him a phone. Summer later admitted it.';
    expect(typed(found(text)).filter((s) => s.startsWith('PERSON'))).toEqual([
      'PERSON:Nasreen',
      'PERSON:Summer Taylor',
      'PERSON:Hope',
      'PERSON:Summer',
    ]);
  });
  it('does not take agencies or things before a person verb for names', () => {
    const text = 'Police and Health attended. The Court said that the order stood.';
    expect(found(text).filter((s) => s.type === 'PERSON')).toEqual([]);
  });
});

describe('organisations and places by their heads', () => {
  it('finds a taxi firm, a care home, a refuge, a surgery, a youth club, a church and an employer', () => {
    const text =
      'She worked at Northgate Logistics and went to Hope House, a refuge. The taxi firm, Castle Cabs, drove her to Rosewood Care Home. They attended St Mark’s Church, Parkside Youth Club, Brookfield Family Centre and the Elms Medical Practice.';
    const orgs = found(text)
      .filter((s) => s.type === 'ORGANISATION')
      .map((s) => s.text);
    expect(orgs).toEqual([
      'Northgate Logistics',
      'Hope House',
      'Castle Cabs',
      'Rosewood Care Home',
      'St Mark’s Church',
      'Parkside Youth Club',
      'Brookfield Family Centre',
      'Elms Medical Practice',
    ]);
  });
  it('takes a surgery named after its street as one organisation', () => {
    expect(typed(found('The family was registered at Lowton Road Surgery.'))).toEqual([
      'ORGANISATION:Lowton Road Surgery',
    ]);
  });
  it('leaves generic services alone', () => {
    expect(found('The Paediatric Assessment Unit and the Family Court and the Housing Service').length).toBe(
      0,
    );
  });
});

describe('one pseudonym per person across mention forms', () => {
  it('links full name, title and surname, first name, surname alone and initials', () => {
    const text =
      'A neighbour, Denise Harcourt, called the police. Mrs Harcourt said she heard shouting. Later Denise said it had stopped. Harcourt was not seen again. D.H. gave a statement.';
    const people = found(text).filter((s) => s.type === 'PERSON');
    expect(people.map((s) => s.text)).toEqual([
      'Denise Harcourt',
      'Mrs Harcourt',
      'Denise',
      'Harcourt',
      'D.H.',
    ]);
    expect(new Set(people.map((s) => s.entity)).size).toBe(1);
  });
  it('gives a relative nobody listed, who shares a cast surname, a pseudonym of their own', () => {
    const cast = { people: [{ id: 'p', role: 'mothers-partner', names: ['Dean Ashworth'] }] };
    const text = 'They stayed with his cousin, Gaz Ashworth. Gaz said that Dean Ashworth was out.';
    const spans = found(text, cast);
    const byText = new Map(spans.map((s) => [s.text, s]));
    expect(byText.get('Gaz Ashworth')!.entity).toBe(byText.get('Gaz')!.entity);
    expect(byText.get('Gaz Ashworth')!.replacement).not.toBe(byText.get('Dean Ashworth')!.replacement);
    expect(render(text, spans).text).not.toMatch(/Ashworth|Gaz/);
  });
  it('keeps a cast street or town and a full address with its town as one place', () => {
    const text =
      'They moved to Flat 3, 57 Chestnut Gardens, Thorndon. Later Flat 3, 57 Chestnut Gardens was empty.';
    const addresses = found(text).filter((s) => s.type === 'ADDRESS');
    expect(addresses).toHaveLength(2);
    expect(new Set(addresses.map((s) => s.entity)).size).toBe(1);
  });
  it('keeps two people who share a surname apart, and links a middle name form to the short form', () => {
    const text =
      'Gareth Pryce and Lowri Pryce lived next door. Gareth Owen Pryce was arrested. Lowri said nothing.';
    const people = found(text).filter((s) => s.type === 'PERSON');
    const byText = new Map(people.map((s) => [s.text, s.entity]));
    expect(byText.get('Gareth Pryce')).toBe(byText.get('Gareth Owen Pryce'));
    expect(byText.get('Lowri Pryce')).toBe(byText.get('Lowri'));
    expect(byText.get('Gareth Pryce')).not.toBe(byText.get('Lowri Pryce'));
  });
});
