import { describe, expect, it } from 'vitest';
import { deriveFlags, lookBackStart } from './scope.ts';

const today = '2026-12-02';
const child = (over: Partial<Parameters<typeof deriveFlags>[0]> = {}) => ({
  kind: 'child' as const,
  cpPlans: [],
  careEpisodes: [],
  ...over,
});

describe('CP-IS scope', () => {
  it('the look-back starts 12 months before today', () => {
    expect(lookBackStart(today)).toBe('2025-12-02');
  });

  it('a child on a plan is in scope; ended within 12 months still, ended longer ago not', () => {
    expect(deriveFlags(child({ cpPlans: [{ startedOn: '2026-03-01', endedOn: null }] }), today)).toEqual([
      { kind: 'cpp', since: '2026-03-01', until: null },
    ]);
    expect(
      deriveFlags(child({ cpPlans: [{ startedOn: '2025-01-01', endedOn: '2025-12-02' }] }), today),
    ).toEqual([{ kind: 'cpp', since: '2025-01-01', until: '2025-12-02' }]);
    expect(
      deriveFlags(child({ cpPlans: [{ startedOn: '2025-01-01', endedOn: '2025-12-01' }] }), today),
    ).toEqual([]);
  });

  it('the latest plan decides', () => {
    const cpPlans = [
      { startedOn: '2020-01-01', endedOn: '2021-01-01' },
      { startedOn: '2026-06-01', endedOn: null },
    ];
    expect(deriveFlags(child({ cpPlans }), today)).toEqual([
      { kind: 'cpp', since: '2026-06-01', until: null },
    ]);
  });

  it('looked after under C2, C1 or V2 is in scope; other legal statuses are not', () => {
    for (const legalStatus of ['C2', 'C1', 'V2'])
      expect(
        deriveFlags(
          child({ careEpisodes: [{ startedOn: '2026-02-01', endedOn: null, legalStatus }] }),
          today,
        ),
      ).toEqual([{ kind: 'lac', since: '2026-02-01', until: null }]);
    for (const legalStatus of ['E1', 'V3', 'L1', 'J1'])
      expect(
        deriveFlags(
          child({ careEpisodes: [{ startedOn: '2026-02-01', endedOn: null, legalStatus }] }),
          today,
        ),
      ).toEqual([]);
  });

  it('a period of care runs across episodes; leaving care starts the 12 months', () => {
    const careEpisodes = [
      { startedOn: '2024-05-01', endedOn: '2025-03-01', legalStatus: 'V2' },
      { startedOn: '2025-03-01', endedOn: '2026-01-10', legalStatus: 'C2' },
    ];
    expect(deriveFlags(child({ careEpisodes }), today)).toEqual([
      { kind: 'lac', since: '2024-05-01', until: '2026-01-10' },
    ]);
    expect(deriveFlags(child({ careEpisodes }), '2027-01-11')).toEqual([]);
  });

  it('an unborn child on a plan is an unborn plan; the same plan after birth is the child’s plan', () => {
    const cpPlans = [{ startedOn: '2026-10-01', endedOn: null }];
    expect(deriveFlags({ kind: 'unborn', cpPlans, careEpisodes: [] }, today)).toEqual([
      { kind: 'unborn-cpp', since: '2026-10-01', until: null },
    ]);
    expect(deriveFlags({ kind: 'child', cpPlans, careEpisodes: [] }, today)).toEqual([
      { kind: 'cpp', since: '2026-10-01', until: null },
    ]);
  });

  it('both a plan and care give two flags; adults none', () => {
    const input = child({
      cpPlans: [{ startedOn: '2026-01-01', endedOn: '2026-04-01' }],
      careEpisodes: [{ startedOn: '2026-04-01', endedOn: null, legalStatus: 'C1' }],
    });
    expect(deriveFlags(input, today).map((f) => f.kind)).toEqual(['cpp', 'lac']);
    expect(deriveFlags({ ...input, kind: 'adult' }, today)).toEqual([]);
  });
});
