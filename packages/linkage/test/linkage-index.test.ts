import { describe, expect, it } from 'vitest';
import { LinkageIndex } from '../src/linkage-index.ts';
import { LinkageModel } from '../src/model.ts';

const model = LinkageModel.untrained();
const kate = {
  given_name: 'Katherine',
  family_name: 'Oyelaran',
  dob: '2015-03-07',
  sex: 'F',
  postcode: 'LS11 5AB',
  address: '3 Elm Close',
};

describe('LinkageIndex (incremental matching)', () => {
  it('matches a new record against the linked set and joins its cluster', () => {
    const index = new LinkageIndex(model);
    expect(index.add({ id: 'school-1', ...kate }).isNewCluster).toBe(true);
    index.add({
      id: 'school-2',
      given_name: 'Tom',
      family_name: 'Baker',
      dob: '2012-01-01',
      postcode: 'M1 1AA',
    });
    const r = index.add({ id: 'health-9', ...kate, given_name: 'Kate', dob: '2015-07-03' });
    expect(r.clusterId).toBe('school-1');
    expect(r.isNewCluster).toBe(false);
    expect(r.matches.map((m) => m.id)).toEqual(['school-1']);
    expect(index.cluster('school-1').sort()).toEqual(['health-9', 'school-1']);
    expect(index.size).toBe(3);
  });

  it('finds records by names alone for a record without a date of birth (one-sided blocking)', () => {
    const index = new LinkageIndex(model);
    index.add({ id: 'a', ...kate });
    index.add({ id: 'b', ...kate, dob: '2019-11-30', postcode: 'M1 1AA', address: '9 Ash Road' });
    const found = index.query({
      id: 'probe',
      given_name: 'Katherine',
      family_name: 'Oyelaran',
      postcode: 'BD1 1AA',
    });
    expect(found.map((c) => c.id).sort()).toEqual(['a', 'b']);
    // With a date of birth and another home, the names alone do not bring "b" up.
    const dated = index.query({ id: 'probe2', ...kate, postcode: 'BD1 1AA', address: '1 Oak Lane' });
    expect(dated.map((c) => c.id)).toEqual(['a']);
  });

  it('answers a query with candidates, probabilities and explanations, without adding it', () => {
    const index = new LinkageIndex(model);
    index.add({ id: 'a', ...kate });
    const [best, ...rest] = index.query({ id: 'probe', ...kate, family_name: 'Oyelaran-Smith' });
    expect(rest).toEqual([]);
    expect(best!.id).toBe('a');
    expect(best!.isMatch).toBe(true);
    expect(best!.explanation.terms.find((t) => t.comparison === 'family_name')!.label).toBe(
      'shares a part (double-barrelled)',
    );
    expect(index.size).toBe(1);
    expect(index.clusterIdOf('probe')).toBeUndefined();
  });

  it('keeps twins in separate clusters', () => {
    const index = new LinkageIndex(model);
    index.add({ id: 'ava', ...kate, given_name: 'Ava' });
    const ella = index.add({ id: 'ella', ...kate, given_name: 'Ella' });
    expect(ella.isNewCluster).toBe(true);
    expect(index.query({ id: 'q', ...kate, given_name: 'Ella' })[0]!.id).toBe('ella');
    expect(index.explain('ava', 'ella').guard).toBe('twin');
  });

  it('merges clusters a new record bridges, and reports the merge', () => {
    const index = new LinkageIndex(model);
    index.addLinked({ id: 'x', ...kate, postcode: null, address: null }, 'cluster-x');
    index.addLinked({ id: 'y', ...kate, dob: null }, 'cluster-y');
    const r = index.add({ id: 'z', ...kate });
    expect(r.merged.length).toBe(1);
    expect(index.cluster(r.clusterId).sort()).toEqual(['x', 'y', 'z']);
  });

  it('splits a cluster when the record holding it together is removed', () => {
    const index = new LinkageIndex(model);
    index.add({ id: 'x', ...kate, postcode: null, address: null });
    index.add({ id: 'z', ...kate });
    index.add({ id: 'y', ...kate, dob: null, given_name: 'Kate' });
    const before = index.clusterIdOf('x')!;
    expect(index.cluster(before).length).toBe(3);
    index.remove('z');
    expect(index.clusterIdOf('z')).toBeUndefined();
    expect(index.size).toBe(2);
    expect(() => index.add({ id: 'x', ...kate })).toThrow(/already/);
  });
});
