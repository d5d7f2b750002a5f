import { describe, expect, it } from 'vitest';
import { detect } from '../src/detect.ts';
import { byText, texts } from './helpers.ts';

const spans = (text: string, allow: string[] = []) => detect(text, { policy: { allow } }).spans;

describe('people and places outside the cast', () => {
  it('finds titled people, gazetteer names and unknown capitalised names', () => {
    const s = spans(
      'A neighbour, Mrs Kowalczyk, said that Dr Mensah and Tyrone Adebayo-Okoro had visited with Zbigniew.',
    );
    expect(texts(s)).toEqual(['Mrs Kowalczyk', 'Dr Mensah', 'Tyrone Adebayo-Okoro', 'Zbigniew']);
    expect(s.every((x) => x.type === 'PERSON')).toBe(true);
  });
  it('finds every later mention of a name found once', () => {
    const s = spans('Her friend Aisha Kowalczyk stayed. Kowalczyk said nothing. Later Kowalczyk left.');
    expect(texts(s)).toEqual(['Aisha Kowalczyk', 'Kowalczyk', 'Kowalczyk']);
    expect(new Set(s.map((x) => x.entity)).size).toBe(1);
  });
  it('tells places from people by gazetteer, endings and context', () => {
    const s = spans('The family moved from Bradford to Upper Cranton, then lived in Hartsworth.');
    expect(s.map((x) => [x.type, x.text])).toEqual([
      ['PLACE', 'Bradford'],
      ['PLACE', 'Upper Cranton'],
      ['PLACE', 'Hartsworth'],
    ]);
  });
  it('finds named schools, hospitals and surgeries, but not generic services', () => {
    const s = spans(
      'She went to Oakfield Primary School and St Luke’s Hospital, not the Paediatric Assessment Unit or the Children’s Centre.',
    );
    expect(s.map((x) => [x.type, x.text])).toEqual([
      ['ORGANISATION', 'Oakfield Primary School'],
      ['ORGANISATION', 'St Luke’s Hospital'],
    ]);
  });
  it('keeps agencies, roles, legal terms and the review’s own pseudonyms', () => {
    const s = spans(
      'Ofsted, the Social Worker, the Multi-Agency Safeguarding Hub, Working Together and Child A met on Monday. Sibling 2 and School 1 were told.',
    );
    expect(texts(s)).toEqual([]);
  });
  it('keeps words the policy allows', () => {
    expect(texts(spans('The Riverside Partnership met Zbigniew.', ['Riverside Partnership']))).toEqual([
      'Zbigniew',
    ]);
    expect(byText(spans('The Riverside Partnership met.'), 'Riverside Partnership')).toBeUndefined();
  });
  it('does not take ordinary capitalised words at the start of sentences for names', () => {
    expect(
      texts(
        spans(
          'Following the visit, nothing changed. Overall, practice was good. Subsequently the plan ended.',
        ),
      ),
    ).toEqual([]);
  });
});
