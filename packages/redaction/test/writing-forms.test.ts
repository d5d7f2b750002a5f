/**
 * Names found, kept whole or left alone by the form of English writing rather than by word lists:
 * citations, salutations, signatures and vocatives; the parts of a name beside a span (a hyphenated
 * lower-case half, a suffix, initials); and capitalised words whose shape is no one's name.
 */
import { describe, expect, it } from 'vitest';
import { buildAllowList } from '../src/allow-list.ts';
import { parseCast } from '../src/cast.ts';
import { detect } from '../src/detect.ts';
import { detectAddressForms } from '../src/detectors/address-forms.ts';

const people = (text: string): string[] =>
  detect(text)
    .spans.filter((s) => s.type === 'PERSON')
    .map((s) => s.text);
const forms = (text: string): string[] =>
  detectAddressForms(text, new Uint8Array(text.length), buildAllowList()).map(
    (d) => `${d.detector.replace('names:', '')}:${text.slice(d.start, d.end)}`,
  );

describe('citations name their authors', () => {
  it('takes every author of a bracketed citation, ordinary words too', () => {
    const text = 'Both have been seen before (Dye & Bavelier, 2010; Boot, Kramer, and Cross, 2008, p. 12).';
    expect(forms(text)).toEqual([
      'citation:Dye',
      'citation:Bavelier',
      'citation:Boot',
      'citation:Kramer',
      'citation:Cross',
    ]);
    for (const w of ['Boot', 'Cross']) expect(people(text)).toContain(w);
  });
  it('takes an author before a year in brackets and before "et al."', () => {
    const text = 'As Laws (2016) argued, and as Chambers et al. found in the Hartsell-Gundy review.';
    expect(forms(text)).toEqual(['citation:Laws', 'citation:Chambers']);
    expect(people(text)).toEqual(expect.arrayContaining(['Laws', 'Chambers']));
  });
  it('gives way to a longer name found around the author', () => {
    expect(people('The appeal of Lottery Corporation against Douglas Babstock et al. was heard.')).toContain(
      'Douglas Babstock',
    );
  });
  it('takes no act, work, agency or calendar word with a year for an author', () => {
    const text =
      'Under the Children Act (1989) and the film Watchmen (2009), Stoker (2013), Belle (2013) (NSPCC, 2019; Department for Education, 2018; Christmas 2019).';
    expect(forms(text)).toEqual([]);
  });
});

describe('salutations, signatures and vocatives name the person addressed', () => {
  it('takes the name after "Dear", the signature and a name addressed between commas', () => {
    const text = 'Dear Jean,\nThanks for the money. So what about you, Sherry, are you coming?\nYours,\nBill';
    expect(forms(text)).toEqual(['vocative:Jean', 'vocative:Sherry', 'vocative:Bill']);
    expect(people(text)).toEqual(expect.arrayContaining(['Jean', 'Sherry', 'Bill']));
  });
  it('takes no title, kinship word or role for a name', () => {
    expect(
      forms('Dear Sir,\nThank you, Mum, and thank you, Chair. It is okay, Mom. Dear Colleagues,'),
    ).toEqual([]);
  });
});

describe('the parts of a name beside its span', () => {
  it('keeps the lower-case half of a hyphenated given name and a suffix inside the name', () => {
    const text = 'The councillors Lee Cheuk-yan and Richard Bissen Jr. were elected.';
    expect(people(text)).toEqual(expect.arrayContaining(['Lee Cheuk-yan', 'Richard Bissen Jr.']));
  });
  it('does not take an ordinary compound after a name', () => {
    expect(people('The reforms of the Blair-era government were discussed with Gordon Brown.')).not.toContain(
      'Blair-era',
    );
  });
  it('takes initials before a full name, and a middle initial, but not a list letter', () => {
    expect(people('For the respondents: K. Michael Stevens and O.J. Simpson.')).toEqual([
      'K. Michael Stevens',
      'O.J. Simpson',
    ]);
    expect(people('Minutes were taken by A. J. Okoro.')).toEqual(['A. J. Okoro']);
    expect(people('Who wrote first? A. Inca B. Maya C. Olmec').some((p) => /\b[ABC]\./.test(p))).toBe(false);
  });
});

describe('capitalised words whose shape is no one’s name', () => {
  it('does not take plural abbreviations, followers, adjectives of peoples or opening adverbs', () => {
    const text =
      'Darwin wrote first. Today, CFLs and DHBs are everywhere. He was a lifelong Calvinist and read Hellenic and Darwinian texts. Relatedly, the report said so.';
    expect(people(text)).toEqual(['Darwin']);
  });
  it('does not take the title of a work after the word for it, unless it opens with a given name', () => {
    expect(people('He was cast in the television series Gilmore Girls and the film Elysium.')).toEqual([]);
    expect(people('During the game Tyler hit his brother.')).toEqual(['Tyler']);
  });
  it('keeps names that only look like those words', () => {
    expect(people('Julian and Eric met Ingrid Lindqvist, then Emily said no.')).toEqual(
      expect.arrayContaining(['Julian', 'Eric', 'Ingrid Lindqvist', 'Emily']),
    );
  });
});

describe('more mentions from what the sentence does with a name', () => {
  it('takes a capitalised everyday word joined by "and" to a person, and both parties of a case', () => {
    const cast = parseCast({ people: [{ id: 'm', role: 'mother', names: ['Kerry Smith'] }] });
    const spans = detect('Kerry Smith and Frank argued. Kerry and Bet went out.', { cast }).spans;
    expect(spans.map((s) => s.text)).toEqual(['Kerry Smith', 'Frank', 'Kerry', 'Bet']);
    expect(people('The cases were Brown v. Board and Wade v Jacobs.')).toEqual([
      'Brown',
      'Board',
      'Wade',
      'Jacobs',
    ]);
  });
  it('does not join an agency, a role, a kinship word or a longer capitalised phrase', () => {
    expect(people('Jayden and Mum left. Jayden and Social Care met. Jayden and Mom went.')).toEqual([
      'Jayden',
      'Jayden',
      'Jayden',
    ]);
  });
  it('takes a short surname after a given name and an office before a name', () => {
    expect(people('Members and James To of the Democratic Party heard it.')).toEqual(['James To']);
    expect(people('A spokesman, Spokesman Basya, and Commissioner Grant attended.')).toContain(
      'Spokesman Basya',
    );
  });
});
