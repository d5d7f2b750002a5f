import { describe, expect, it } from 'vitest';
import {
  dobLevel,
  familyNameLevel,
  givenNameLevel,
  homeLevel,
  nhsLevel,
  PERSON_COMPARISONS,
  sexLevel,
} from '../src/comparisons.ts';
import { level } from './helpers.ts';

const label = (name: string, l: number) => PERSON_COMPARISONS.find((c) => c.name === name)!.levels[l]!.label;
const g = (a: string | null, b: string | null, fa = 'smith', fb = 'smith') =>
  level(givenNameLevel, { given_name: a, family_name: fa }, { given_name: b, family_name: fb });

describe('given name', () => {
  it('counts a misreading (rn for m, cl for d, a digit for a letter) with at most one slip as a slip', () => {
    expect(label('given_name', g('Niarnh', 'Niamh'))).toBe('one edit apart');
    expect(label('given_name', g('Ernily', 'Emily'))).toBe('one edit apart');
    expect(label('given_name', g('SANCLRAA', 'Sandra'))).toBe('one edit apart');
    expect(label('given_name', g('wi1liam', 'William'))).toBe('exact');
    expect(label('given_name', g('Bernard', 'Barnard'))).toBe('one edit apart');
  });
  it('has a level for each kind of agreement', () => {
    expect(label('given_name', g('Oliver', 'OLIVER'))).toBe('exact');
    expect(
      label(
        'given_name',
        level(
          givenNameLevel,
          { given_name: 'Smith', family_name: 'Oliver' },
          { given_name: 'Oliver', family_name: 'Smith' },
        ),
      ),
    ).toBe('swapped with family name');
    // Swapped, with a slip or a short form on one side.
    expect(
      label(
        'given_name',
        level(
          givenNameLevel,
          { given_name: 'Smiht', family_name: 'Oliver' },
          { given_name: 'Oliver', family_name: 'Smith' },
        ),
      ),
    ).toBe('swapped with family name');
    expect(
      label(
        'given_name',
        level(
          givenNameLevel,
          { given_name: 'Smith', family_name: 'Olly' },
          { given_name: 'Oliver', family_name: 'Smith' },
        ),
      ),
    ).toBe('swapped with family name');
    expect(
      label(
        'given_name',
        level(
          givenNameLevel,
          { given_name: 'Smiht', family_name: 'Olly' },
          { given_name: 'Oliver', family_name: 'Smith' },
        ),
      ),
    ).not.toBe('swapped with family name');
    expect(label('given_name', g('Bill', 'William'))).toBe('nickname, short form or initial');
    // A slip of a listed name still meets its short forms, but against the name itself it is a slip.
    expect(label('given_name', g('Olivver', 'Olly'))).toBe('nickname, short form or initial');
    expect(label('given_name', g('Olivver', 'Oliver'))).toBe('one edit apart');
    expect(label('given_name', g('Jonh', 'John'))).toBe('one edit apart');
    expect(label('given_name', g('Jonathon', 'Jonathan'))).toBe('one edit apart');
    expect(label('given_name', g('Marhta', 'Martha'))).toBe('one edit apart');
    expect(label('given_name', g('Christina', 'Kristina'))).toBe('sounds alike (Double Metaphone)');
    expect(label('given_name', g('Dwayne', 'Duane'))).toBe('sounds alike (Double Metaphone)');
    expect(label('given_name', g('Maximilian', 'Maximillion'))).toBe('Jaro-Winkler ≥ 0.9');
    expect(label('given_name', g('Oliver', 'Harry'))).toBe('different');
  });
  it('scores a missing value as the null level', () => {
    expect(g(null, 'Oliver')).toBe(0);
    expect(g('', 'Oliver')).toBe(0);
  });
});

describe('family name', () => {
  const f = (a: string | null, b: string | null) =>
    level(familyNameLevel, { family_name: a }, { family_name: b });
  it('has a level for each kind of agreement', () => {
    expect(label('family_name', f('Oyelaran', 'oyelaran'))).toBe('exact');
    expect(label('family_name', f('Smith-Jones', 'Smith'))).toBe('shares a part (double-barrelled)');
    expect(label('family_name', f('Jones', 'Smith Jones'))).toBe('shares a part (double-barrelled)');
    expect(label('family_name', f('Smith', 'Smyth'))).toBe('one edit apart');
    expect(label('family_name', f('Thompson', 'Thomson'))).toBe('one edit apart');
    expect(label('family_name', f('Okonkwo', 'Smith'))).toBe('different');
    expect(f(null, 'Smith')).toBe(0);
  });
  it('is neutral when given and family names are swapped (counted once, under given name)', () => {
    const l = level(
      familyNameLevel,
      { given_name: 'Smith', family_name: 'Oliver' },
      { given_name: 'Oliver', family_name: 'Smith' },
    );
    expect(PERSON_COMPARISONS.find((c) => c.name === 'family_name')!.levels[l]!.kind).toBe('neutral');
  });
});

describe('date of birth', () => {
  const d = (a: string | null, b: string | null) => label('dob', level(dobLevel, { dob: a }, { dob: b }));
  it('has exact, transposed, one digit, within a year and different levels', () => {
    expect(d('2015-03-07', '2015-03-07')).toBe('exact');
    expect(d('2015-03-07', '2015-07-03')).toBe('day and month transposed');
    expect(d('2015-03-07', '2015-03-08')).toBe('one digit different');
    expect(d('2015-03-07', '2016-03-07')).toBe('one digit different');
    expect(d('2015-03-07', '2015-10-20')).toBe('within a year');
    expect(d('2015-03-07', '2012-10-20')).toBe('different');
    expect(d(null, '2012-10-20')).toBe('missing');
    expect(d('not a date', '2012-10-20')).toBe('missing');
  });
});

describe('home (postcode, address, town, phone, email)', () => {
  const h = (a: object, b: object) => label('home', level(homeLevel, a, b));
  it('has a level for postcode exact, sector and district', () => {
    expect(
      h({ postcode: 'LS11 5AB', address: '1 High St' }, { postcode: 'ls115ab', address: '1 high st' }),
    ).toBe('same postcode and address');
    expect(h({ postcode: 'LS11 5AB' }, { postcode: 'LS11 5AB' })).toBe(
      'same postcode or address, other unknown',
    );
    expect(
      h({ postcode: 'LS11 5AB', address: '1 High St' }, { postcode: 'LS11 5AB', address: '40 Park Road' }),
    ).toBe('same postcode or address, other different');
    expect(h({ postcode: 'LS11 5AB' }, { postcode: 'LS11 5XY' })).toBe('same postcode sector');
    expect(h({ postcode: 'LS11 5AB' }, { postcode: 'LS11 8XY' })).toBe('same postcode district');
    expect(h({ postcode: 'LS11 5AB', town: 'Leeds' }, { postcode: 'LS12 8XY', town: 'leeds' })).toBe(
      'same town',
    );
    expect(h({ postcode: 'LS11 5AB' }, { postcode: 'M1 1AA' })).toBe('different');
  });
  it('treats a near-identical address as the same and uses phone and email', () => {
    expect(h({ address: '12 Oak Road Moorside' }, { address: '12 Oak Raod Moorside' })).toBe(
      'same postcode or address, other unknown',
    );
    expect(
      h({ postcode: 'LS11 5AB', phone: '07700 900123' }, { postcode: 'M1 1AA', phone: '+44 7700 900123' }),
    ).toBe('same phone or email');
    expect(h({ email: 'a@x.uk' }, { email: 'A@x.uk' })).toBe('same phone or email');
  });
  it('puts a shared phone or email ahead of a street address that agrees in another postcode', () => {
    const there = { address: '74 Orchard Way', postcode: 'C1 9DE' };
    const elsewhere = { address: '74 orchard way', postcode: 'HF1 0JW' };
    expect(h(there, elsewhere)).toBe('same postcode or address, other different');
    expect(h({ ...there, phone: '07881 190750' }, { ...elsewhere, phone: '07881190750' })).toBe(
      'same phone or email',
    );
  });
  it('is null when nothing can be compared', () => {
    expect(level(homeLevel, { postcode: 'LS11 5AB' }, { town: 'Leeds' })).toBe(0);
  });
});

describe('NHS number', () => {
  const n = (a: string | null, b: string | null) =>
    label('nhs_number', level(nhsLevel, { nhs_number: a }, { nhs_number: b }));
  it('tests the check digit and sees one-edit slips', () => {
    expect(n('943 476 5919', '9434765919')).toBe('exact, valid check digit');
    expect(n('9434765918', '9434765918')).toBe('exact, check digit fails');
    expect(n('9434765919', '9434765918')).toBe('one edit apart');
    expect(n('9434765919', '4010232137')).toBe('different');
    expect(n(null, '4010232137')).toBe('missing');
  });
});

describe('sex', () => {
  it('reads common codings and treats unknown as missing', () => {
    expect(level(sexLevel, { sex: 'M' }, { sex: 'male' })).toBe(1);
    expect(level(sexLevel, { sex: '2' }, { sex: 'F' })).toBe(1);
    expect(level(sexLevel, { sex: 'M' }, { sex: 'F' })).toBe(2);
    expect(level(sexLevel, { sex: 'unknown' }, { sex: 'F' })).toBe(0);
  });
});
