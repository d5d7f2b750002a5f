import { describe, expect, it } from 'vitest';
import { blockCount, buildBlocking, forEachPair, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { countComparisons } from '../src/blocking-report.ts';
import { RecordStore } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';

describe('blocking', () => {
  const records = generatePeople({ size: 3000, seed: 11 });
  const d = RecordStore.from(records).data;

  it('compares each pair once across unioned rules, and the report counts them before scoring', () => {
    const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
    const seen = new Set<number>();
    let visits = 0;
    index.rules.forEach((_, r) => {
      forEachPair(d, index, r, 0, blockCount(index, r), (i, j) => {
        expect(i).toBeLessThan(j);
        seen.add(i * d.size + j);
        visits++;
      });
    });
    expect(visits).toBe(seen.size);
    const report = countComparisons(d, index);
    expect(report.total).toBe(visits);
    expect(report.rules.map((r) => r.rule)).toEqual(PERSON_BLOCKING_RULES.map((r) => r.name));
    for (const r of report.rules) expect(r.newComparisons).toBeLessThanOrEqual(r.comparisons);
  });

  it('finds nearly all true pairs in a small share of all pairs', () => {
    const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
    let found = 0;
    let blocked = 0;
    index.rules.forEach((_, r) => {
      forEachPair(d, index, r, 0, blockCount(index, r), (i, j) => {
        blocked++;
        if (records[i]!.trueId === records[j]!.trueId) found++;
      });
    });
    const byId = new Map<string, number>();
    for (const x of records) byId.set(x.trueId, (byId.get(x.trueId) ?? 0) + 1);
    const truePairs = [...byId.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
    expect(found / truePairs).toBeGreaterThan(0.97);
    expect(blocked).toBeLessThan((d.size * (d.size - 1)) / 2 / 50);
  });

  it('pairs only records of different sources in link mode', () => {
    const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'link');
    index.rules.forEach((_, r) => {
      forEachPair(d, index, r, 0, blockCount(index, r), (i, j) => {
        expect(d.source[i]).not.toBe(d.source[j]);
      });
    });
  });

  it("pairs a record without a date of birth with every record of its names' sound, one-sided", () => {
    const people = [
      {
        id: 'a',
        source: 'x',
        given_name: 'Oliver',
        family_name: 'Smith',
        dob: '2012-01-09',
        postcode: 'LS1 1AA',
      },
      {
        id: 'b',
        source: 'y',
        given_name: 'Olivr',
        family_name: 'Smyth',
        dob: '2019-05-03',
        postcode: 'M1 1AA',
      },
      { id: 'c', source: 'x', given_name: 'Oliver', family_name: 'Smith', postcode: 'BD1 1AA' },
      { id: 'e', source: 'y', given_name: 'Oliver', family_name: 'Smith', postcode: 'HX1 1AA' },
    ];
    const s = RecordStore.from(people).data;
    const r = PERSON_BLOCKING_RULES.length - 1;
    expect(typeof PERSON_BLOCKING_RULES[r]!.probe).toBe('function');
    const index = buildBlocking(s, [PERSON_BLOCKING_RULES[r]!], 'dedupe');
    const pairs: string[] = [];
    forEachPair(s, index, 0, 0, blockCount(index, 0), (i, j) => pairs.push(`${s.ids[i]}-${s.ids[j]}`));
    // a and b both have a date of birth: the one-sided rule leaves them to the other rules.
    expect(pairs.sort()).toEqual(['a-c', 'a-e', 'b-c', 'b-e', 'c-e']);
    expect(countComparisons(s, index).total).toBe(5);
    // Across sources only: a-e, b-c and c-e.
    expect(countComparisons(s, buildBlocking(s, [PERSON_BLOCKING_RULES[r]!], 'link')).total).toBe(3);
  });
});
