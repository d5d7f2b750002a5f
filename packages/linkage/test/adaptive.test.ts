import { describe, expect, it } from 'vitest';
import { chooseBlockingRules, estimateBlockingRecall } from '../src/adaptive-blocking.ts';
import { buildBlocking, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { countComparisons } from '../src/blocking-report.ts';
import { LinkageModel } from '../src/model.ts';
import { linkRecords } from '../src/pipeline.ts';
import type { PersonRecord } from '../src/person.ts';
import { RecordStore } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { PairList } from '../src/pairs.ts';
import { chooseThreshold } from '../src/threshold.ts';
import { trainModel } from '../src/training/train.ts';

/** People known only by name and email: no date of birth, postcode, address or identifier. */
function namesAndEmails(): PersonRecord[] {
  const out: PersonRecord[] = [];
  // Distinct surnames made of letters (names keep letters only).
  const letters = (k: number, salt: string): string =>
    salt + [k % 26, Math.floor(k / 26) % 26].map((x) => String.fromCharCode(97 + x)).join('') + 'son';
  for (let k = 0; k < 300; k++) {
    const given = ['anna', 'ben', 'cara', 'dev', 'ed', 'fay'][k % 6]!;
    const family = letters(k, 'ka');
    out.push({
      id: `a${k}`,
      given_name: given,
      family_name: family,
      email: `${given}.${family}@example.org`,
    });
    // The copy has its given name mistyped and its surname changed: only the email agrees.
    out.push({
      id: `b${k}`,
      given_name: `${given}x`,
      family_name: letters(k, 'wu'),
      email: `${given}.${family}@example.org`,
    });
  }
  return out;
}

describe('blocking rules chosen from the data', () => {
  it('uses the email rule when records have emails, and none of the rules needing absent fields', () => {
    const d = RecordStore.from(namesAndEmails()).data;
    const { index, choices } = chooseBlockingRules(d, 'dedupe');
    expect(choices.find((c) => c.rule === 'email')).toMatchObject({ used: true, comparisons: 300 });
    expect(choices.find((c) => c.rule === 'postcode')).toMatchObject({
      used: false,
      reason: 'no record has the fields',
    });
    expect(choices.find((c) => c.rule === 'dob')).toMatchObject({
      used: false,
      reason: 'no record has the fields',
    });
    const report = countComparisons(d, index);
    expect(report.rules.find((r) => r.rule === 'email')?.newComparisons).toBe(300);
  });

  it('leaves out a rule over the comparison budget and says so', () => {
    const d = RecordStore.from(namesAndEmails()).data;
    const { choices } = chooseBlockingRules(d, 'dedupe', { budget: 100 });
    expect(choices.find((c) => c.rule === 'email')).toMatchObject({
      used: false,
      reason: 'over the comparison budget',
    });
  });

  it('adds the names-sound, dob and trigram rules where they are cheap, and the built-in ones always', () => {
    const d = RecordStore.from(generatePeople({ size: 2000, seed: 3 })).data;
    const { rules, choices } = chooseBlockingRules(d, 'dedupe');
    for (const r of PERSON_BLOCKING_RULES.filter((x) => !x.budgeted))
      expect(rules.map((x) => x.name)).toContain(r.name);
    const used = choices.filter((c) => c.used).map((c) => c.rule);
    expect(used).toContain('dob');
    expect(used).toContain('name trigrams (LSH band 1)');
    expect(used).toContain('given_name + family_name sound (no date)');
  });

  it('uses the street-address rule only while it fits the budget, as streets may repeat in every town', () => {
    // Twenty towns with the same forty street addresses, each in its own postcode.
    const people: PersonRecord[] = [];
    for (let k = 0; k < 800; k++)
      people.push({
        id: `p${k}`,
        given_name: `n${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + ((k >> 5) % 26))}a`,
        family_name: 'stone',
        address: `${1 + (k % 40)} high street`,
        postcode: `A${1 + (k % 20)} ${k % 9}AB`,
      });
    const d = RecordStore.from(people).data;
    const tight = chooseBlockingRules(d, 'dedupe', { budget: 5000 }).choices;
    expect(tight.find((c) => c.rule === 'address')).toMatchObject({
      used: false,
      comparisons: 40 * ((20 * 19) / 2),
      reason: 'over the comparison budget',
    });
    expect(tight.find((c) => c.rule === 'postcode')).toMatchObject({ used: true, reason: 'built in' });
    const loose = chooseBlockingRules(d, 'dedupe', { budget: 50_000 }).choices;
    expect(loose.find((c) => c.rule === 'address')).toMatchObject({ used: true, reason: 'fits the budget' });
  });
});

describe('blocking recall estimate', () => {
  it('sees matches the rules miss, against a case where the truth is known', () => {
    const d = RecordStore.from(namesAndEmails()).data;
    const model = trainModel(d, LinkageModel.untrained(['given_name', 'family_name', 'home']));
    // The built-in rules alone: nothing pairs records agreeing only on an email.
    const without = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
    const withEmail = chooseBlockingRules(d, 'dedupe').index;
    const missing = estimateBlockingRecall(d, without, model, { sample: 600 });
    const found = estimateBlockingRecall(d, withEmail, model, { sample: 600 });
    expect(found.recall).toBeGreaterThan(0.9);
    expect(found.expectedMatches).toBeGreaterThan(0);
    expect(missing.recall).toBeLessThan(0.1);
  });

  it('is close to the measured blocking recall on synthetic records', async () => {
    const records = generatePeople({ size: 3000, seed: 4 });
    const res = await linkRecords(records, { workers: 1 });
    expect(res.blockingRecall.recall).toBeGreaterThan(0.95);
    expect(res.blockingRecall.recall).toBeLessThanOrEqual(1);
  });
});

describe('threshold from the estimated curve', () => {
  const pairs = (probabilities: number[]): PairList => {
    const list = new PairList();
    probabilities.forEach((p, k) => {
      list.push(k, k + 1, Math.log2(p / (1 - p)));
    });
    return list;
  };

  it('estimates precision and recall from the probabilities and picks the best F1', () => {
    // 8 sure pairs, 4 at 0.55: above 0.5 precision (8 + 2.2) / 12, recall 1; above 0.6, 8 / 8 and 8 / 10.2.
    const c = chooseThreshold(pairs([...Array<number>(8).fill(0.999), ...Array<number>(4).fill(0.55)]));
    const at = (t: number) => c.curve.find((x) => x.threshold === t)!;
    expect(at(0.5).precision).toBeCloseTo((8 * 0.999 + 4 * 0.55) / 12, 6);
    expect(at(0.5).recall).toBeCloseTo(1, 6);
    expect(at(0.6).recall).toBeCloseTo((8 * 0.999) / (8 * 0.999 + 4 * 0.55), 6);
    expect(c.threshold).toBe(0.5);
    expect(c.reason).toBe('best estimated F1');
  });

  it('honours a minimum precision, and divides recall by the blocking recall', () => {
    const c = chooseThreshold(pairs([...Array<number>(8).fill(0.999), ...Array<number>(4).fill(0.55)]), {
      minPrecision: 0.99,
      blockingRecall: 0.5,
    });
    expect(c.threshold).toBe(0.6);
    expect(c.estimate.precision).toBeGreaterThanOrEqual(0.99);
    expect(c.estimate.recall).toBeCloseTo((8 * 0.999) / ((8 * 0.999 + 4 * 0.55) / 0.5), 6);
  });
});

describe('training fallback', () => {
  it('uses the shipped m with a warning when there are too few records', () => {
    const d = RecordStore.from(namesAndEmails().slice(0, 40)).data;
    const base = LinkageModel.untrained(['given_name', 'family_name', 'home']);
    const model = trainModel(d, base);
    expect(model.json.training?.fallbacks?.[0]).toMatch(/only 40 records/);
    expect(model.json.comparisons[0]!.levels[1]!.m).toBe(base.json.comparisons[0]!.levels[1]!.m);
  });

  it('falls back per comparison when EM does not converge, and not otherwise', () => {
    const d = RecordStore.from(generatePeople({ size: 2000, seed: 5 })).data;
    expect(trainModel(d, LinkageModel.untrained()).json.training?.fallbacks).toEqual([]);
    const stopped = trainModel(d, LinkageModel.untrained(), { maxIterations: 1 });
    expect(stopped.json.training?.fallbacks?.some((f) => /EM did not converge/.test(f))).toBe(true);
  });
});
