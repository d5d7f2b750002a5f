import { describe, expect, it } from 'vitest';
import {
  assertDfePayload,
  buildDfeChild,
  dfeBatches,
  dfeChanges,
  dfeRequests,
  DfePayloadError,
  generateInput,
  validateDfePayload,
  type Child,
  type DfePushedChild,
} from '../src/index.ts';

/** A fictional child with every part the payload carries. */
function fullChild(): Child {
  return {
    laChildId: 'DFE0001',
    firstName: 'Tamsin',
    surname: 'Fictionalson',
    upn: 'A123456789012',
    sex: 'F',
    ethnicity: 'WBRI',
    birthDate: '2015-03-04',
    disabilities: ['HAND', 'VIS'],
    postcode: 'ZZ99 3AA',
    uasc: { isUasc: true, ceasedDate: '2025-01-01' },
    cinEpisodes: [
      {
        referralDate: '2024-05-01',
        referralSource: '1C',
        referralNfa: false,
        closureDate: '2025-06-01',
        closureReason: 'RC1',
        assessments: [{ startDate: '2024-05-02', authorisationDate: '2024-06-01', factors: ['1C', '4A'] }],
        cinPlans: [{ startDate: '2024-06-02', endDate: '2024-07-01' }],
        section47s: [
          {
            startDate: '2024-07-02',
            icpcNotRequired: false,
            dateOfInitialCpc: '2024-07-20',
            endDate: '2024-07-20',
          },
        ],
        childProtectionPlans: [
          {
            startDate: '2024-07-20',
            endDate: '2024-10-01',
            initialCategory: 'NEG',
            latestCategory: 'NEG',
            numberOfPreviousCpps: 1,
          },
        ],
      },
    ],
    lookedAfter: [
      {
        startDate: '2024-10-01',
        reasonNewEpisode: 'S',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placement: 'U1',
        placementPostcode: 'ZZ99 3AB',
        endDate: '2025-06-01',
        reasonEnded: 'E11',
      },
    ],
    socialWorkerEpisodes: [{ workerId: 'SW12345', startDate: '2024-05-01' }],
    adoption: { decisionDate: '2025-01-10', matchedDate: '2025-03-01', placedDate: '2025-04-01' },
    careLeaver: { activity: 'F2', accommodation: 'D1' },
  };
}

describe('the DfE CSC payload', () => {
  it('builds a full child that validates against the shipped schema', () => {
    const { record, parts } = buildDfeChild(fullChild());
    expect(validateDfePayload([record])).toEqual([]);
    expect(() => {
      assertDfePayload([record]);
    }).not.toThrow();
    const e = record.social_care_episodes?.[0];
    expect(e?.social_care_episode_id).toBe('DFE0001-E20240501');
    expect(e?.child_looked_after_placements?.[0]?.placement_type).toBe('U1');
    expect(e?.section_47_assessments?.[0]?.icpc_required_flag).toBe(true);
    expect(e?.care_leavers?.accommodation).toBe('D');
    expect(e?.care_worker_details?.[0]?.worker_id).toBe('SW12345');
    expect(e?.section_47_assessments?.[0]?.end_date).toBe('2024-07-20');
    expect(record.child_details?.uasc_flag).toBe(true);
    expect([record.child_details?.first_name, record.child_details?.surname]).toEqual([
      'Tamsin',
      'Fictionalson',
    ]);
    expect(parts).toContain('e:DFE0001-E20240501/lac:DFE0001-L20241001');
    expect(parts.filter((p) => p.startsWith('e:'))).toHaveLength(6);
    // Each personal detail sent is a part, so the next push knows when one has gone.
    expect(parts.filter((p) => p.startsWith('d:'))).toEqual(
      Object.keys(record.child_details ?? {}).map((k) => `d:${k}`),
    );
    expect(parts).toContain('d:first_name');
    const { first_name: _f, surname: _s, ...unnamed } = record.child_details ?? {};
    expect(buildDfeChild({ ...fullChild(), firstName: null, surname: null }).record.child_details).toEqual(
      unnamed,
    );
  });

  it('a generated LA of 300 children validates whole', () => {
    const input = generateInput({ children: 300, seed: 3 });
    const { changes, refused } = dfeChanges(new Map(), input.children);
    expect(refused).toEqual([]);
    for (const batch of dfeBatches(changes.map((c) => c.record)))
      expect(validateDfePayload(batch)).toEqual([]);
  });

  it('refuses a broken child naming the path', () => {
    const { record } = buildDfeChild({ ...fullChild(), upn: 'A12', sex: 'Female' });
    const errors = validateDfePayload([record]);
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/0/child_details/unique_pupil_number', '/0/child_details/sex']),
    );
    expect(() => {
      assertDfePayload([record]);
    }).toThrow(DfePayloadError);
    expect(() => {
      assertDfePayload([record]);
    }).toThrow(/\/0\/child_details\/unique_pupil_number/);
    expect(validateDfePayload([{ la_child_id: 'X-1' }])[0]?.path).toBe('/0/la_child_id');
    expect(validateDfePayload([{ la_child_id: 'C1', extra: 1 }])[0]?.message).toMatch(
      /unknown property extra/,
    );
    expect(
      validateDfePayload(Array.from({ length: 101 }, (_, i) => ({ la_child_id: `C${i}` }))),
    ).toHaveLength(1);
  });
});

describe('changes since the last push', () => {
  const kept = (changes: ReturnType<typeof dfeChanges>['changes']): Map<string, DfePushedChild> =>
    new Map(
      changes
        .filter((c) => c.hash !== null)
        .map((c) => [c.laChildId, { hash: c.hash ?? '', parts: c.parts }]),
    );

  it('sends new, then nothing, then only the changed child, and purges a child that has gone', () => {
    const a = fullChild();
    const b: Child = { ...fullChild(), laChildId: 'DFE0002' };
    const first = dfeChanges(new Map(), [a, b]);
    expect(first.changes.map((c) => [c.laChildId, c.kind])).toEqual([
      ['DFE0001', 'new'],
      ['DFE0002', 'new'],
    ]);
    const state = kept(first.changes);
    expect(dfeChanges(state, [a, b]).changes).toEqual([]);
    expect(dfeChanges(state, [a, b]).unchanged).toBe(2);

    const changed: Child = { ...a, postcode: 'ZZ99 3AC' };
    const second = dfeChanges(state, [changed]);
    expect(second.changes.map((c) => [c.laChildId, c.kind])).toEqual([
      ['DFE0001', 'changed'],
      ['DFE0002', 'deleted'],
    ]);
    expect(second.changes[1]?.record).toEqual({ la_child_id: 'DFE0002', purge: true });
    expect(second.changes[0]?.record.child_details?.postcode).toBe('ZZ99 3AC');
  });

  it('a part that has gone is sent with purge in its episode; a gone episode with purge', () => {
    const a = fullChild();
    const state = kept(dfeChanges(new Map(), [a]).changes);
    const episode = a.cinEpisodes[0] as Child['cinEpisodes'][number];
    const corrected: Child = { ...a, cinEpisodes: [{ ...episode, cinPlans: [] }] };
    const [change] = dfeChanges(state, [corrected]).changes;
    const e = change?.record.social_care_episodes?.[0];
    expect(e?.child_in_need_plans).toEqual([{ child_in_need_plan_id: 'DFE0001-N20240602', purge: true }]);
    expect(validateDfePayload([change?.record])).toEqual([]);

    // The referral date corrected: a new episode id; the old one is purged (its parts with it).
    const moved: Child = { ...a, cinEpisodes: [{ ...episode, referralDate: '2024-04-30' }] };
    const [m] = dfeChanges(state, [moved]).changes;
    expect(m?.record.social_care_episodes?.map((x) => [x.social_care_episode_id, x.purge])).toEqual([
      ['DFE0001-E20240430', undefined],
      ['DFE0001-E20240501', true],
    ]);
    expect(m?.record.social_care_episodes?.[1]).toEqual({
      social_care_episode_id: 'DFE0001-E20240501',
      purge: true,
    });
  });

  it('a changed name makes the child changed; a detail gone is purged first, in a request of its own', () => {
    const a = fullChild();
    const b: Child = { ...fullChild(), laChildId: 'DFE0002' };
    const state = kept(dfeChanges(new Map(), [a, b]).changes);
    const renamed = dfeChanges(state, [{ ...a, surname: 'Otherfictional' }, b]).changes;
    expect(renamed.map((c) => [c.laChildId, c.kind, c.record.child_details?.surname])).toEqual([
      ['DFE0001', 'changed', 'Otherfictional'],
    ]);

    // The names withheld (the record restricted) and the UPN removed: the DfE's copy must lose them.
    const withheld: Child = { ...a, firstName: null, surname: null, upn: null };
    const { changes } = dfeChanges(state, [withheld, { ...b, postcode: 'ZZ99 3AD' }]);
    expect(changes.map((c) => [c.laChildId, c.kind])).toEqual([
      ['DFE0001', 'details-purge'],
      ['DFE0001', 'changed'],
      ['DFE0002', 'changed'],
    ]);
    expect(changes[0]?.record).toEqual({ la_child_id: 'DFE0001', child_details: { purge: true } });
    expect(changes[0]?.hash).toBeNull();
    const sent = changes[1]?.record.child_details;
    expect([sent?.first_name, sent?.surname, sent?.unique_pupil_number, sent?.purge]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(sent?.date_of_birth).toBe('2015-03-04');
    // Purges go first, alone: one child never twice in a request.
    const requests = dfeRequests(changes, 100);
    expect(requests.map((r) => r.map((c) => [c.laChildId, c.kind]))).toEqual([
      [['DFE0001', 'details-purge']],
      [
        ['DFE0001', 'changed'],
        ['DFE0002', 'changed'],
      ],
    ]);
    for (const r of requests) expect(validateDfePayload(r.map((c) => c.record))).toEqual([]);
    // A detail added (or changed) is no purge.
    const added = dfeChanges(kept(changes.slice(1)), [
      { ...withheld, upn: 'B123456789012' },
      { ...b, postcode: 'ZZ99 3AD' },
    ]).changes;
    expect(added.map((c) => [c.laChildId, c.kind])).toEqual([['DFE0001', 'changed']]);
  });

  it('leaves out a child the schema refuses, naming it and the path, and sends the rest', () => {
    const bad: Child = { ...fullChild(), laChildId: 'DFE0003', upn: 'TOO-SHORT' };
    const { changes, refused } = dfeChanges(new Map(), [fullChild(), bad]);
    expect(changes.map((c) => c.laChildId)).toEqual(['DFE0001']);
    expect(refused).toEqual([
      {
        laChildId: 'DFE0003',
        errors: [expect.objectContaining({ path: '/child_details/unique_pupil_number' })],
      },
    ]);
  });

  it('batches at most 100 in order', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    const batches = dfeBatches(items);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(items);
    expect(dfeBatches([])).toEqual([]);
    expect(() => dfeBatches(items, 0)).toThrow(RangeError);
  });
});
