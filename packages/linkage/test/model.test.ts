import { describe, expect, it } from 'vitest';
import { explainPair } from '../src/explain.ts';
import { LinkageModel, probabilityFromWeight, TF_MIN_VALUES, weightFromProbability } from '../src/model.ts';
import { RecordStore } from '../src/store.ts';
import { two } from './helpers.ts';

const kate = {
  given_name: 'Kate',
  family_name: 'Oyelaran',
  dob: '2015-03-07',
  sex: 'F',
  postcode: 'LS11 5AB',
  nhs_number: '9434765919',
};

describe('LinkageModel', () => {
  const model = LinkageModel.untrained();

  it('scores prior log-odds plus Σ log2(m/u), and the explanation adds up to it', () => {
    const d = two(kate, { ...kate, given_name: 'Katie', postcode: 'LS11 5XY' });
    const e = explainPair(model, d, 0, 1);
    const sum = e.terms.reduce((s, t) => s + t.weight, e.priorWeight);
    expect(e.matchWeight).toBeCloseTo(sum, 10);
    expect(model.score(d, 0, 1)).toBeCloseTo(e.matchWeight, 10);
    expect(e.matchProbability).toBeCloseTo(probabilityFromWeight(e.matchWeight), 12);
    const given = e.terms.find((t) => t.comparison === 'given_name')!;
    expect(given.label).toBe('nickname, short form or initial');
    expect(given.weight).toBeCloseTo(Math.log2(given.m / given.u), 10);
    expect(e.priorWeight).toBeCloseTo(weightFromProbability(model.json.priorMatchProbability), 12);
  });

  it('gives missing values no weight', () => {
    const e = explainPair(
      model,
      two({ given_name: 'Kate' }, { given_name: 'Kate', dob: '2015-03-07' }),
      0,
      1,
    );
    expect(e.terms.find((t) => t.comparison === 'dob')!.weight).toBe(0);
  });

  it('does not lift a street address agreeing in another postcode to the weight of a shared phone', () => {
    const json = model.toJSON();
    const home = json.comparisons.find((c) => c.name === 'home')!;
    const level = (label: string) => home.levels.find((l) => l.label === label)!;
    // As trained on data where many streets recur in many towns and phones are a household's own.
    const strong = {
      ...json,
      comparisons: json.comparisons.map((c) => (c === home ? structuredClone(c) : c)),
    };
    const h = strong.comparisons.find((c) => c.name === 'home')!;
    h.levels.find((l) => l.label === 'same phone or email')!.u = 1e-7;
    h.levels.find((l) => l.label === 'same postcode or address, other different')!.m = 1e-4;
    const m = new LinkageModel(strong);
    const w = m.weights[strong.comparisons.indexOf(h)]!;
    const phone = home.levels.indexOf(level('same phone or email'));
    const street = home.levels.indexOf(level('same postcode or address, other different'));
    expect(w[phone]).toBeGreaterThan(15);
    expect(w[street]).toBeLessThan(w[phone]! - 10);
  });

  it('refuses a saved model whose levels are in another order', () => {
    const json = structuredClone(model.toJSON());
    const home = json.comparisons.find((c) => c.name === 'home')!;
    [home.levels[3], home.levels[4]] = [home.levels[4]!, home.levels[3]!];
    expect(() => LinkageModel.fromJSON(json)).toThrow(
      /level 3 is "same postcode or address, other different"/,
    );
  });

  it('saves to JSON and reloads with identical scores', () => {
    const d = two(kate, { ...kate, dob: '2015-07-03' });
    const back = LinkageModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.score(d, 0, 1)).toBe(model.score(d, 0, 1));
    expect(() => LinkageModel.fromJSON({ format: 'other' })).toThrow(/not a waypoint-linkage-model/);
  });

  it('weighs agreeing on a rare family name more than on a common one (term frequency)', () => {
    const records = Array.from({ length: TF_MIN_VALUES }, (_, k) => ({
      id: `r${k}`,
      family_name: k < 400 ? 'Smith' : `Name${k}x`,
    }));
    records.push({ id: 'o1', family_name: 'Oyelaran' }, { id: 'o2', family_name: 'Oyelaran' });
    const d = RecordStore.from(records).data;
    const smith = explainPair(model, d, 0, 1).terms.find((t) => t.comparison === 'family_name')!;
    const rare = explainPair(model, d, d.size - 2, d.size - 1).terms.find(
      (t) => t.comparison === 'family_name',
    )!;
    expect(smith.label).toBe('exact');
    expect(rare.weight).toBeGreaterThan(smith.weight);
    expect(smith.tfAdjustment).toBeLessThan(0);
  });
});
