import { describe, expect, it } from 'vitest';
import { Encoder, formalGivenTokens } from '../src/encode.ts';
import { FieldComparator } from '../src/field-comparator.ts';
import { linkEncodings } from '../src/link.ts';
import type { PprlRecord } from '../src/normalise.ts';
import { defaultSchema, type LinkageSchema, validateSchema } from '../src/schema.ts';
import { dice } from '../src/kernel/reference.ts';
import { EncodingStore } from '../src/store.ts';
import { bigrams } from '../src/tokens.ts';
import { fixedBytes, people, SECRET, toPprl } from './helpers.ts';

// The comparison mechanisms of the default schema, each against the same schema without it.
const ff = defaultSchema().fieldFilters as Exclude<LinkageSchema['fieldFilters'], number | false | undefined>;
const withFilters = (extra: object): LinkageSchema =>
  validateSchema({ ...defaultSchema(), fieldFilters: { ...ff, ...extra } });
const encoder = new Encoder(defaultSchema(), SECRET, { randomBytes: fixedBytes });
const asWritten = new Encoder(withFilters({ givenName: 'as_written' }), SECRET, { randomBytes: fixedBytes });
const twoKeys = new Encoder(withFilters({ sharedNameKey: false }), SECRET, { randomBytes: fixedBytes });

const base: PprlRecord = {
  id: 'a',
  given_name: 'Joshua',
  family_name: 'Oyelaran',
  dob: '2016-05-02',
  sex: 'm',
  postcode: 'LS11 5AB',
  address: '12 Tunstall Road',
  town: 'Leeds',
};

/** The same schema and key with other fixed flips, for the second record of a pair. */
const otherFlips = (n: number): Uint8Array => fixedBytes(n + 5).subarray(5);

function levels(a: PprlRecord, b: PprlRecord, enc = encoder): Record<string, number> {
  const second = new Encoder(enc.schema, SECRET, { randomBytes: otherFlips });
  const store = new EncodingStore([enc.encode(a), second.encode(b)]);
  const cmp = new FieldComparator(store.data);
  const vec = new Uint8Array(cmp.names.length);
  cmp.compare(0, 1, vec);
  return Object.fromEntries(cmp.names.map((n, k) => [n, vec[k]!]));
}

describe('the field-level comparison', () => {
  it('encodes a given name by its formal form, once: a slip in a formal name costs what a slip costs, a nickname agrees', () => {
    expect(formalGivenTokens('kate')).toEqual(bigrams('catherine'));
    expect(formalGivenTokens('kate-may')).toEqual([...new Set([...bigrams('catherine'), ...bigrams('may')])]);
    expect(formalGivenTokens('joshua')).toEqual(bigrams('joshua'));
    expect(formalGivenTokens('zzyzx')).toEqual(bigrams('zzyzx'));
    const slip = { ...base, id: 'b', given_name: 'Joshus' };
    // Joshua is its own formal form: as written, its bigrams are in the filter twice over.
    expect(levels(base, slip).given_name).toBeLessThanOrEqual(3);
    expect(levels(base, slip, asWritten).given_name).toBeGreaterThanOrEqual(4);
    const kate = { ...base, given_name: 'Kate' };
    expect(levels(kate, { ...kate, id: 'b', given_name: 'Catherine' }).given_name).toBe(1);
    expect(levels(kate, { ...kate, id: 'b', given_name: 'Catherine' }, asWritten).given_name).toBeGreaterThan(
      1,
    );
  });

  it('compares given and family names swapped crosswise under one name key, counting the swap once', () => {
    const swapped = { ...base, id: 'b', given_name: 'Oyelaran', family_name: 'Joshua' };
    expect(levels(base, swapped)).toMatchObject({ given_name: 1, family_name: 0 });
    // Two keys: the crosswise Dice is that of unrelated filters.
    const apart = levels(base, swapped, twoKeys);
    expect(apart.given_name).toBeGreaterThanOrEqual(4);
    expect(apart.family_name).toBeGreaterThanOrEqual(4);
  });

  it('reads both names as unknown under dates of birth in other years, at either unrelated level', () => {
    // Names under two salts reach Dice 0.68–0.76 (the second-worst level) by chance as well as
    // below: both levels count as unrelated, not only the worst.
    const given = ['Ava', 'Mia', 'Leo', 'Zac', 'Ivy', 'Eli', 'Max', 'Amy', 'Joe', 'Kai', 'Noah', 'Finn'];
    const family = ['Jones', 'Patel', 'Khan', 'Smith', 'Brown', 'Ahmed', 'Evans', 'Begum', 'Lewis', 'Walsh'];
    const second = new Encoder(encoder.schema, SECRET, { randomBytes: otherFlips });
    let secondWorst = 0;
    for (const [k, name] of given.entries()) {
      const a = { ...base, given_name: name, family_name: family[k % family.length]! };
      const b = { ...a, id: 'b', dob: '2012-05-02' };
      const [ea, eb] = [encoder.encode(a), second.encode(b)];
      const g = dice(ea.fields!.given_name!, eb.fields!.given_name!);
      const f = dice(ea.fields!.family_name!, eb.fields!.family_name!);
      const v = levels(a, b);
      if (g < 0.76 && f < 0.76) {
        if (g >= 0.68 || f >= 0.68) secondWorst++;
        expect(v).toMatchObject({ given_name: 0, family_name: 0 });
      } else expect(v.given_name! + v.family_name!).toBeGreaterThan(0);
    }
    expect(secondWorst).toBeGreaterThan(0);
  });

  it('links a child whose names are swapped, and one whose identifier is mistyped, where the guards would stop them', async () => {
    const schema = withFilters({ fields: { ...ff.fields, nhs_number: 4 } });
    // Fixed flips, the same in every record: a transposition is then exactly the second level.
    const enc = new Encoder(schema, SECRET, { randomBytes: fixedBytes });
    const nhs = '9434765919';
    const records: PprlRecord[] = [
      base,
      { ...base, id: 'b', given_name: 'Oyelaran', family_name: 'Joshua' },
      // Same family, home and date of birth, another given name: the twin guard's signature, but
      // the NHS number is the same one with two digits transposed (and so fails the check digit).
      { ...base, id: 'c', given_name: 'Maximilian', nhs_number: nhs },
      { ...base, id: 'd', given_name: 'Bartholomew', nhs_number: '9434769519' },
      // Twins: numbers of their own.
      { ...base, id: 'e', given_name: 'Wilhelmina', nhs_number: '4010232137' },
    ];
    const crowd = people(1500, 3).map(toPprl);
    const result = await linkEncodings([[...records, ...crowd].map((r) => enc.encode(r))], { workers: 1 });
    const ids = result.pairs.map((p) =>
      [result.store.ids[p.left], result.store.ids[p.right]].sort().join('+'),
    );
    expect(ids).toContain('a+b');
    expect(ids).toContain('c+d');
    expect(ids).not.toContain('c+e');
    expect(ids).not.toContain('d+e');
  });
});
