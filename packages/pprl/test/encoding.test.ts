import { describe, expect, it } from 'vitest';
import { Encoder } from '../src/encode.ts';
import { dice } from '../src/kernel/reference.ts';
import {
  formalForms,
  normaliseDob,
  normaliseField,
  normalisePostcodeValue,
  normaliseSex,
} from '../src/normalise.ts';
import { defaultSchema, SchemaError, schemaId, validateSchema } from '../src/schema.ts';
import { bigrams, dateTokens, positionalDigits, postcodeTokens, tokenise } from '../src/tokens.ts';
import { checkSecret, keyId, SecretError } from '../src/keys.ts';
import { fixedBytes, OTHER_SECRET, SECRET } from './helpers.ts';

describe('normalisation', () => {
  it('names: case, accents, punctuation, double-barrelled', () => {
    expect(normaliseField('given_name', '  Zoë ')).toBe('zoe');
    expect(normaliseField('family_name', "O'Neill - Smyth")).toBe('oneill-smyth');
    expect(normaliseField('family_name', '   ')).toBeNull();
  });
  it('dates in the given format; absurd and unparseable dates are left out', () => {
    expect(normaliseDob('07/03/2015', 'DD/MM/YYYY')).toBe('20150307');
    expect(normaliseDob('20150307', 'YYYYMMDD')).toBe('20150307');
    expect(normaliseDob('2015-02-30', 'YYYY-MM-DD')).toBeNull();
    expect(normaliseDob('1850-01-01', 'YYYY-MM-DD')).toBeNull();
    expect(normaliseDob('2150-01-01', 'YYYY-MM-DD')).toBeNull();
  });
  it('postcodes canonical when UK, letters and digits otherwise', () => {
    expect(normalisePostcodeValue('ls115ab')).toBe('LS11 5AB');
    expect(normalisePostcodeValue(' 4011 ')).toBe('4011');
  });
  it('sex, NHS number, NUL bytes', () => {
    expect(normaliseSex('Female')).toBe('f');
    expect(normaliseSex('unknown')).toBeNull();
    expect(normaliseField('nhs_number', '943 476 5919')).toBe('9434765919');
    expect(() => normaliseField('given_name', 'a\u0000b')).toThrow(/NUL/);
  });
  it('formal forms from the nickname list', () => {
    expect(formalForms('kate')).toContain('catherine');
    expect(formalForms('bill')).toContain('william');
    expect(formalForms('zzyzx')).toEqual([]);
  });
});

describe('tokenisers', () => {
  it('padded bigrams per part', () => {
    expect(bigrams('ann')).toEqual(['_a', 'an', 'nn', 'n_']);
    expect(bigrams('smith-jones')).toEqual(expect.arrayContaining(['_s', 'h_', '_j', 's_']));
    expect(bigrams('smith-jones')).not.toContain('hj');
  });
  it('positional tokens for dates and postcodes', () => {
    expect(dateTokens('20150307')).toEqual(['1:2', '2:0', '3:1', '4:5', '5:0', '6:3', '7:0', '8:7']);
    expect(postcodeTokens('LS11 5AB')).toEqual(['a:LS', 'd:LS11', 's:LS11 5', 'u:LS11 5AB']);
    expect(postcodeTokens('4011')).toEqual(['p2:40', 'p3:401', 'p4:4011']);
    expect(positionalDigits('42')).toEqual(['1:4', '2:2']);
    expect(tokenise('exact', 'f')).toEqual(['=f']);
  });
});

describe('schema', () => {
  it('the default schema is valid and has a stable id', () => {
    const s = defaultSchema();
    expect(s.bits).toBe(1024);
    expect(schemaId(s)).toBe(schemaId(defaultSchema()));
    expect(schemaId(s)).toMatch(/^waypoint-default:[0-9a-f]{12}$/);
  });
  it('refuses bad documents, naming the problem', () => {
    const s = defaultSchema() as unknown as Record<string, unknown>;
    expect(() => validateSchema({ ...s, bits: 1000 })).toThrow(SchemaError);
    expect(() => validateSchema({ ...s, colour: 'red' })).toThrow(/unknown property "colour"/);
    expect(() =>
      validateSchema({ ...s, fields: { shoe_size: { tokens: 'exact', bitsPerToken: 2 } } }),
    ).toThrow(/unknown field "shoe_size"/);
    expect(() =>
      validateSchema({
        ...s,
        fields: { family_name: { tokens: 'bigrams', bitsPerToken: 2, formalForms: true } },
      }),
    ).toThrow(/formalForms/);
  });
  it('a changed schema has another id', () => {
    const s = defaultSchema();
    expect(schemaId({ ...s, bits: 2048 })).not.toBe(schemaId(s));
  });
});

describe('keys and encodings', () => {
  const record = {
    id: 'A1',
    given_name: 'Kate',
    family_name: 'Oyelaran',
    dob: '2015-03-07',
    sex: 'F',
    postcode: 'LS11 5AB',
    address: '3 Elm Close',
    nhs_number: '9434765919',
  };
  it('refuses a short secret; key id names the key without revealing it', () => {
    expect(() => checkSecret(new TextEncoder().encode('short\n'))).toThrow(SecretError);
    expect(keyId(SECRET)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(SECRET)).not.toBe(keyId(OTHER_SECRET));
  });
  it('every encoding carries the schema and key ids; balanced filters set exactly half the bits', () => {
    const e = new Encoder(defaultSchema(), SECRET).encode(record);
    expect(e.schema).toBe(schemaId(defaultSchema()));
    expect(e.key).toBe(keyId(SECRET));
    expect(e.clk.length).toBe(128);
    const ones = [...e.clk].reduce((s, b) => s + b.toString(2).replace(/0/g, '').length, 0);
    expect(ones).toBe(512);
  });
  it('the same input with another key gives an unrelated encoding', () => {
    const schema = { ...defaultSchema(), hardening: { ...defaultSchema().hardening, flipProbability: 0 } };
    const a = new Encoder(schema, SECRET).encode(record);
    const a2 = new Encoder(schema, SECRET).encode(record);
    const b = new Encoder(schema, OTHER_SECRET).encode(record);
    expect(dice(a.clk, a2.clk)).toBe(1);
    // Two balanced filters of independent keys agree on about half their set bits.
    expect(dice(a.clk, b.clk)).toBeGreaterThan(0.4);
    expect(dice(a.clk, b.clk)).toBeLessThan(0.6);
    expect(a.blocks.filter((k) => b.blocks.includes(k)).length).toBeLessThanOrEqual(2);
  });
  it('similar records score higher than different ones; a nickname keeps its formal form', () => {
    const schema = { ...defaultSchema(), hardening: { ...defaultSchema().hardening, flipProbability: 0 } };
    const enc = new Encoder(schema, SECRET);
    const a = enc.encode(record);
    const nick = enc.encode({ ...record, id: 'A2', given_name: 'Katherine', nhs_number: null });
    const other = enc.encode({
      ...record,
      id: 'A3',
      given_name: 'Oliver',
      family_name: 'Smith',
      dob: '2012-11-30',
      postcode: 'M1 1AA',
      address: '9 High St',
      nhs_number: null,
    });
    expect(dice(a.clk, nick.clk)).toBeGreaterThan(dice(a.clk, other.clk) + 0.1);
  });
  it('bit flipping uses the random source; refuses a record with nothing to encode', () => {
    const enc = new Encoder(defaultSchema(), SECRET, { randomBytes: fixedBytes });
    expect(enc.encode(record).clk).toEqual(enc.encode(record).clk);
    expect(() => enc.encode({ id: 'empty', given_name: ' ' })).toThrow(/no value/);
  });
  it('salting by year of birth: the same name in another birth year sets other bits', () => {
    const schema = {
      ...defaultSchema(),
      hardening: { balance: false, xorFold: false, salt: 'birth_year' as const, flipProbability: 0 },
      fields: {
        given_name: { tokens: 'bigrams' as const, bitsPerToken: 10 },
        dob: { tokens: 'date' as const, bitsPerToken: 1 },
      },
    };
    const enc = new Encoder(schema, SECRET);
    const a = enc.encode({ id: '1', given_name: 'Oliver', dob: '2015-01-01' });
    const b = enc.encode({ id: '2', given_name: 'Oliver', dob: '2016-01-01' });
    const c = enc.encode({ id: '3', given_name: 'Oliver', dob: '2015-06-09' });
    expect(dice(a.clk, c.clk)).toBeGreaterThan(0.8);
    expect(dice(a.clk, b.clk)).toBeLessThan(0.4);
  });
});
