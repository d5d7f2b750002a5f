import { describe, expect, it } from 'vitest';
import { clusterPairs } from '../src/cluster.ts';
import { guard } from '../src/guards.ts';
import { PairList } from '../src/pairs.ts';
import type { PersonRecord } from '../src/person.ts';
import { RecordStore } from '../src/store.ts';

const home = {
  family_name: 'Oyelaran',
  dob: '2016-05-02',
  postcode: 'LS11 5AB',
  address: '3 Elm Close',
  sex: 'F',
};

describe('guards', () => {
  it('tells twins, siblings and two valid NHS numbers apart', () => {
    const d = RecordStore.from([
      { id: 'ava', given_name: 'Ava', ...home },
      { id: 'ella', given_name: 'Ella', ...home },
      { id: 'sam', given_name: 'Samuel', ...home, dob: '2012-01-09' },
      { id: 'ava2', given_name: 'Ava', ...home, nhs_number: '9434765919' },
      { id: 'ava3', given_name: 'Ava', ...home, nhs_number: '4010232137' },
      { id: 'avaa', given_name: 'Avaa', ...home },
    ]).data;
    expect(guard(d, 0, 1)).toBe('twin');
    expect(guard(d, 0, 2)).toBe('sibling');
    expect(guard(d, 3, 4)).toBe('different_nhs_number');
    expect(guard(d, 0, 5)).toBeNull(); // a typo is not a twin
    const misread = RecordStore.from([
      { id: 'megan', given_name: 'Megan', ...home },
      { id: 'rnegan', given_name: 'RNEGAN', ...home },
      { id: 'davicl', given_name: 'Davicl', ...home },
      { id: 'david', given_name: 'David', ...home },
    ]).data;
    expect(guard(misread, 0, 1)).toBeNull(); // rn for m: a misreading, not a twin
    expect(guard(misread, 2, 3)).toBeNull();
    expect(guard(d, 0, 3)).toBeNull();
  });

  it('lets one shared valid NHS number override names that look like twins or siblings', () => {
    const d = RecordStore.from([
      { id: 'ava', given_name: 'Ava', ...home, nhs_number: '9434765919' },
      { id: 'ella', given_name: 'Ella', ...home, nhs_number: '9434765919' },
      { id: 'ella2', given_name: 'Ella', ...home },
    ]).data;
    expect(guard(d, 0, 1)).toBeNull();
    expect(guard(d, 0, 2)).toBe('twin');
  });

  it('lets any shared identifier, or one a slip away, override the twin guard; not a placeholder', () => {
    const twins = (n: number, nhs: (k: number) => string): PersonRecord[] =>
      Array.from({ length: n }, (_, k) => ({
        id: `r${k}`,
        given_name: k % 2 ? 'Mia' : 'Luke',
        ...home,
        nhs_number: nhs(k),
      }));
    // A 7-digit identifier has no NHS check digit: the same one still means the same person.
    let d = RecordStore.from(twins(2, () => '8099933')).data;
    expect(guard(d, 0, 1)).toBeNull();
    d = RecordStore.from(twins(2, (k) => (k ? '8099933' : '8099983'))).data;
    expect(guard(d, 0, 1)).toBeNull(); // a keying slip
    d = RecordStore.from(twins(2, (k) => (k ? '8099933' : '1234567'))).data;
    expect(guard(d, 0, 1)).toBe('twin');
    d = RecordStore.from(twins(30, () => '0000000')).data;
    expect(guard(d, 0, 1)).toBe('twin'); // thirty records share it: a placeholder
  });

  it('takes other given forms with dates of birth apart, or no given name and dates apart, for siblings', () => {
    const d = RecordStore.from([
      { id: 'oliver', given_name: 'Oliver', ...home, dob: '2012-01-09' },
      { id: 'olly', given_name: 'Olly', ...home, dob: '2014-06-20' },
      { id: 'olly-slip', given_name: 'Olly', ...home, dob: '2012-01-08' },
      { id: 'nameless', ...home, dob: '2012-06-20' },
      { id: 'nameless-slip', ...home, dob: '2012-01-19' },
    ]).data;
    expect(guard(d, 0, 1)).toBe('sibling'); // a short form, two years apart
    expect(guard(d, 0, 2)).toBeNull(); // a short form and a one-digit slip
    expect(guard(d, 0, 3)).toBe('sibling'); // no given name, months apart
    expect(guard(d, 0, 4)).toBeNull(); // no given name, a one-digit slip
  });
});

describe('clusterPairs', () => {
  it('is connected components when nothing conflicts', () => {
    const d = RecordStore.from(['a', 'b', 'c', 'd'].map((id) => ({ id }))).data;
    const pairs = new PairList();
    pairs.push(0, 1, 10);
    pairs.push(1, 2, 5);
    const rep = clusterPairs(d, pairs);
    expect([...rep]).toEqual([0, 0, 0, 3]);
  });

  it('never merges twins, even through a record linked to both', () => {
    const records: PersonRecord[] = [
      { id: 'ava', given_name: 'Ava', ...home },
      { id: 'ella', given_name: 'Ella', ...home },
      { id: 'unnamed', given_name: null, ...home },
    ];
    const d = RecordStore.from(records).data;
    const pairs = new PairList();
    pairs.push(0, 2, 30); // the unnamed record matches Ava best …
    pairs.push(1, 2, 29); // … and Ella nearly as well
    const rep = clusterPairs(d, pairs);
    expect(rep[0]).toBe(rep[2]);
    expect(rep[1]).not.toBe(rep[0]);
  });

  it('assigns one to one when linking two sources', () => {
    const d = RecordStore.from([
      { id: 'a1', source: 'A' },
      { id: 'b1', source: 'B' },
      { id: 'b2', source: 'B' },
    ]).data;
    const pairs = new PairList();
    pairs.push(0, 1, 8);
    pairs.push(0, 2, 12);
    const oneToOne = clusterPairs(d, pairs, { oneToOne: true });
    expect(oneToOne[0]).toBe(oneToOne[2]);
    expect(oneToOne[1]).toBe(1);
    const many = clusterPairs(d, pairs);
    expect(new Set(many).size).toBe(1);
  });
});
