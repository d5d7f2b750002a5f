import { describe, expect, it } from 'vitest';
import { Encoder } from '../src/encode.ts';
import { FieldComparator } from '../src/field-comparator.ts';
import { linkEncodings } from '../src/link.ts';
import type { PprlRecord } from '../src/normalise.ts';
import { defaultSchema, SchemaError, validateSchema } from '../src/schema.ts';
import { EncodingStore } from '../src/store.ts';
import { fixedBytes, people, SECRET, toPprl } from './helpers.ts';

// Fixed flips (the same bytes for every record) where a test compares levels exactly; the
// operating system's random flips, as in use, where it links.
const encoder = new Encoder(defaultSchema(), SECRET, { randomBytes: fixedBytes });
const flipping = new Encoder(defaultSchema(), SECRET);

const base: PprlRecord = {
  id: 'a',
  given_name: 'Ava',
  family_name: 'Oyelaran',
  dob: '2016-05-02',
  sex: 'f',
  postcode: 'LS11 5AB',
  address: '12 Tunstall Road',
  town: 'Leeds',
};

function levels(a: PprlRecord, b: PprlRecord, enc = encoder): Record<string, number> {
  const store = new EncodingStore([enc.encode(a), enc.encode(b)]);
  const cmp = new FieldComparator(store.data);
  const vec = new Uint8Array(cmp.names.length);
  cmp.compare(0, 1, vec);
  return Object.fromEntries(cmp.names.map((n, k) => [n, vec[k]!]));
}

function f1(pairs: { left: number; right: number }[], ids: string[], truth: Map<string, string>): number {
  const sizes = new Map<string, number>();
  for (const t of truth.values()) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  let all = 0;
  for (const s of sizes.values()) all += (s * (s - 1)) / 2;
  const correct = pairs.filter((p) => truth.get(ids[p.left]!) === truth.get(ids[p.right]!)).length;
  const precision = correct / pairs.length;
  const recall = correct / all;
  return (2 * precision * recall) / (precision + recall);
}

describe('field-level filters and the Fellegi–Sunter model', () => {
  it('the default schema encodes the field filters the model compares', () => {
    const e = encoder.encode(base);
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(
      ['address', 'family_name', 'given_name', 'postcode', 'town'].sort(),
    );
    for (const f of Object.values(e.fields ?? {})) expect(f.length).toBe(32);
  });

  it('compares per field: agreement, a slip, a missing value, a stranger', () => {
    expect(levels(base, { ...base, id: 'b' })).toEqual({
      given_name: 1,
      family_name: 1,
      location: 1,
      dob: 1,
    });
    const slip = levels(base, { ...base, id: 'b', family_name: 'Oyeleran', dob: '2016-05-03' });
    expect(slip.family_name).toBeGreaterThan(1);
    expect(slip.family_name).toBeLessThan(4);
    expect(slip.dob).toBe(2);
    expect(levels(base, { ...base, id: 'b', given_name: null }).given_name).toBe(0);
    const moved = levels(base, {
      ...base,
      id: 'b',
      postcode: 'M1 1AA',
      address: '3 Oak Street',
      town: 'Salford',
    });
    expect(moved.location).toBe(4);
    // Random flips here: fixed ones set the same bits in both, so unrelated names agree more. (A
    // short name sets few bits, so two short names agree on most bits of a balanced filter.)
    const stranger = levels(
      base,
      { id: 'b', given_name: 'Maximilian', family_name: 'Whitcombe', dob: '2009-11-23', postcode: 'M1 1AA' },
      flipping,
    );
    // Both names unrelated under dates of birth that differ: the names are salted by year of
    // birth, so they say nothing (unknown), rather than "two other names".
    expect(stranger.given_name).toBe(0);
    expect(stranger.family_name).toBe(0);
    expect(stranger.dob).toBe(4);
  });

  it('links the synthetic records better than Dice on the record filter alone, threshold from the EM posterior', async () => {
    const ps = people(3000, 11);
    const truth = new Map(ps.map((p) => [p.id, p.trueId]));
    const encodings = ps.map((p) => flipping.encode(toPprl(p)));
    const fs = await linkEncodings([encodings], { workers: 1 });
    expect(fs.model).not.toBeNull();
    expect(fs.threshold).toBe(0.5);
    expect(fs.model!.comparisons).toEqual(['given_name', 'family_name', 'nhs_number', 'location', 'dob']);
    const dice = await linkEncodings([encodings.map(({ fields: _f, ...rest }) => rest)], { workers: 1 });
    expect(dice.model).toBeNull();
    const withModel = f1(fs.pairs, fs.store.ids, truth);
    expect(withModel).toBeGreaterThan(0.9);
    expect(withModel).toBeGreaterThan(f1(dice.pairs, dice.store.ids, truth) + 0.02);
    // Agreement weighs for a match and disagreement against, on every comparison.
    fs.model!.comparisons.forEach((_, c) => {
      const w = (l: number): number => Math.log2(fs.model!.m[c]![l]! / fs.model!.u[c]![l]!);
      expect(w(1)).toBeGreaterThan(3);
      expect(w(fs.model!.m[c]!.length - 1)).toBeLessThan(0);
    });
  });

  it('keeps twins, siblings and a namesake born the same day apart, unless an identifier says they are one child', async () => {
    const twin: PprlRecord = { ...base, id: 'b', given_name: 'Ruth' };
    const sibling: PprlRecord = { ...base, id: 'c', given_name: 'Joseph', dob: '2012-09-14' };
    const same: PprlRecord = { ...base, id: 'd', given_name: 'Ava', dob: '2016-05-02' };
    // Only the given name and the date of birth in common: another family, another home.
    const stranger: PprlRecord = {
      id: 'e',
      given_name: 'Ava',
      family_name: 'Whitcombe',
      dob: '2016-05-02',
      postcode: 'M1 1AA',
      address: '3 Oak Street',
      town: 'Salford',
    };
    const records = [base, twin, sibling, same, stranger];
    // Enough strangers for EM and the random pairs.
    const crowd = people(1500, 3).map(toPprl);
    const result = await linkEncodings([[...records, ...crowd].map((r) => encoder.encode(r))], {
      workers: 1,
    });
    const ids = result.pairs.map((p) =>
      [result.store.ids[p.left], result.store.ids[p.right]].sort().join('+'),
    );
    expect(ids).toContain('a+d');
    expect(ids).not.toContain('a+b');
    expect(ids).not.toContain('a+c');
    expect(ids).not.toContain('a+e');
    const schema = validateSchema({
      ...defaultSchema(),
      fieldFilters: { bits: 256, fields: { given_name: 4, family_name: 4, nhs_number: 4 } },
    });
    const withNhs = new Encoder(schema, SECRET);
    const nhs = '9434765919';
    const again = await linkEncodings(
      [[{ ...base, nhs_number: nhs }, { ...twin, nhs_number: nhs }, ...crowd].map((r) => withNhs.encode(r))],
      { workers: 1 },
    );
    expect(
      again.pairs.map((p) => [again.store.ids[p.left], again.store.ids[p.right]].sort().join('+')),
    ).toContain('a+b');
  });

  it('refuses a field filter for a field the schema does not encode', () => {
    const { phone: _p, ...fields } = defaultSchema().fields;
    expect(() =>
      validateSchema({ ...defaultSchema(), fields, fieldFilters: { bits: 256, fields: { phone: 2 } } }),
    ).toThrow(SchemaError);
    expect(() =>
      validateSchema({ ...defaultSchema(), fieldFilters: { bits: 300, fields: { given_name: 2 } } }),
    ).toThrow(SchemaError);
  });
});
