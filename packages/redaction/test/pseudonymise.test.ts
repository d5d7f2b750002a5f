import { describe, expect, it } from 'vitest';
import { detect } from '../src/detect.ts';
import { ageBand, generaliseAge, generaliseDate } from '../src/generalise.ts';
import { render } from '../src/render.ts';
import { CAST, byText } from './helpers.ts';

const redact = (text: string, policy = {}) => {
  const r = detect(text, { cast: CAST, policy });
  return { ...r, out: render(text, r.spans).text };
};

describe('pseudonymiser', () => {
  it('gives each cast person a role pseudonym, consistently', () => {
    const { out } = redact(
      'Jayden, Amber, Kerry, Kyle Brennan, Sandra Okafor, Priya Patel and Tom Hughes met. Later Jayden and Ms Smith left.',
    );
    expect(out).toBe(
      "Child A, Sibling 1, Mother, Mother's partner, the health visitor, Social Worker 1 and Social Worker 2 met. Later Child A and Mother left.",
    );
  });
  it('numbers places by kind and keeps one pseudonym per entity', () => {
    const { out } = redact(
      "She left 14 Elm Road, Leeds LS6 2AB for St Mary's. Elm Road was quiet; St Mary's C of E Primary School called Leeds General Infirmary.",
    );
    expect(out).toBe('She left Address 1 for School 1. Address 1 was quiet; School 1 called Hospital 1.');
  });
  it('keeps possessives and capitals', () => {
    const { out } = redact(
      "James' bag. Jayden's coat. JAYDEN SMITH. the health visitor Sandra Okafor; Sandra Okafor said.",
    );
    expect(out).toBe(
      "Sibling 2's bag. Child A's coat. CHILD A. the health visitor the health visitor; The health visitor said.",
    );
  });
  it('numbers people outside the cast and labels them from their context', () => {
    const { out } = redact(
      'Her neighbour Sandra Whitfield called. Dr Mensah and Zbigniew Nowicki came. Whitfield left.',
    );
    expect(out).toBe('Her neighbour Neighbour 1 called. Doctor 1 and Person 1 came. Neighbour 1 left.');
  });
  it('replaces identifiers with placeholders', () => {
    const { out } = redact(
      'Call 07700 900123 or mail kerry.smith@example.com about 943 476 5919 and car AB12 CDE.',
    );
    expect(out).toBe(
      'Call [phone number] or mail [email address] about [NHS number] and car [vehicle registration].',
    );
  });
  it('generalises dates by policy', () => {
    const text = 'On 3rd March 2019 and 03/09/19 Jayden was seen.';
    expect(redact(text).out).toBe('On March 2019 and September 2019 Child A was seen.');
    expect(redact(text, { dates: 'relative' }).out).toBe(
      'On [Child A aged 4 years] and [Child A aged 4 years 6 months] Child A was seen.',
    );
    expect(redact(text, { dates: 'year' }).out).toBe('On 2019 and 2019 Child A was seen.');
    expect(redact(text, { dates: 'keep' }).out).toBe('On 3rd March 2019 and 03/09/19 Child A was seen.');
  });
  it('keeps or bands ages by policy', () => {
    expect(redact('Jayden, aged 4, and a 17-year-old.').out).toBe('Child A, aged 4, and a 17-year-old.');
    expect(redact('Jayden, aged 4, and a 17-year-old.', { ages: 'band' }).out).toBe(
      'Child A, aged 1–4, and a 14–17-year-old.',
    );
  });
  it('reports every span with its type, entity, replacement, detector and confidence', () => {
    const { spans } = redact('Jayden said');
    expect(byText(spans, 'Jayden')).toEqual({
      start: 0,
      end: 6,
      type: 'PERSON',
      text: 'Jayden',
      entity: 'e1',
      replacement: 'Child A',
      detector: 'cast',
      confidence: 1,
    });
  });
});

describe('policy options', () => {
  it('uses placeholder overrides, deny words and the confidence floor', () => {
    const text = 'Zbigniew saw the Gruffalo near car AB12 CDE; NHS 943 476 5919.';
    const policy = { placeholders: { vehicle: '[car]', NHS_NUMBER: '[NHS no.]' }, deny: ['Gruffalo'] };
    expect(render(text, detect(text, { policy }).spans).text).toBe(
      'Person 1 saw the Person 2 near car [car]; NHS [NHS no.].',
    );
    const strict = detect(text, { policy: { minConfidence: 0.95 } }).spans.map((x) => x.text);
    expect(strict).toEqual(['943 476 5919']);
  });
  it('can leave people and places outside the cast to the reviewer', () => {
    expect(
      detect('Zbigniew Nowicki visited Jayden.', { cast: CAST, policy: { detectUncast: false } }).spans.map(
        (x) => x.text,
      ),
    ).toEqual(['Jayden']);
  });
});

describe('date and age generalisation', () => {
  it('handles dates before birth and at birth', () => {
    const anchor = { label: 'Child A', dob: { year: 2015, month: 3, day: 3 } };
    expect(generaliseDate('3 January 2015', 'relative', anchor)).toBe("[2 months before Child A's birth]");
    expect(generaliseDate('3 March 2015', 'relative', anchor)).toBe("[Child A's birth]");
    expect(generaliseDate('3 March 2015', 'redact')).toBe('[date]');
  });
  it('bands ages', () => {
    expect([0.5, 4, 9, 13, 17, 30, 70].map(ageBand)).toEqual([
      'under 1',
      '1–4',
      '5–9',
      '10–13',
      '14–17',
      '25–34',
      '65+',
    ]);
    expect(generaliseAge('18 months old', 'band')).toBe('1–4 years old');
    expect(generaliseAge('aged 4', 'redact')).toBe('[age]');
  });
});
