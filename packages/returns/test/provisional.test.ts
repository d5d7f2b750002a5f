/** A provisional return: the year in progress checked with a known year's layout and rules. */
import { describe, expect, it } from 'vitest';
import { censusFromInput } from '../src/cin/scope.ts';
import { validateCinCensus } from '../src/cin/validate/validate.ts';
import type { ReturnsInput } from '../src/model/types.ts';
import { build903 } from '../src/ssda903/build.ts';
import { validate903Return } from '../src/ssda903/validate/validate.ts';

const input: ReturnsInput = {
  laCode: '201',
  children: [
    {
      laChildId: 'C1',
      birthDate: '2015-06-10',
      sex: 'F',
      ethnicity: 'WBRI',
      disabilities: ['NONE'],
      cinEpisodes: [
        {
          referralDate: '2026-05-01',
          referralSource: '2A',
          primaryNeedCode: 'N1',
          referralNfa: false,
          assessments: [{ startDate: '2026-05-02', authorisationDate: '2026-06-01', factors: null }],
        },
      ],
      lookedAfter: [
        {
          startDate: '2026-05-03',
          reasonNewEpisode: 'S',
          legalStatus: 'V2',
          categoryOfNeed: 'N1',
          placement: 'U6',
        },
      ],
    },
  ],
};

describe('a return as at another 31 March', () => {
  it('scopes the census and the rules to the year ending on that date', () => {
    expect(censusFromInput(input, '2025-26').children).toHaveLength(0);
    const census = censusFromInput(input, '2025-26', undefined, '2027-03-31');
    expect(census.header).toMatchObject({ year: '2027', referenceDate: '2027-03-31' });
    expect(census.children).toHaveLength(1);
    const report = validateCinCensus(census, { year: '2025-26', referenceDate: '2027-03-31' });
    // Only what is true of this child in the year to 31 March 2027 (no UPN at school age, one disability code, no factors).
    expect(report.issues.map((i) => i.rule).sort()).toEqual(['2887Q', '8770Q', '8897Q']);
    expect(report.issues.map((i) => i.rule)).not.toContain('100');
  });

  it('builds and checks the 903 for that year', () => {
    expect(build903(input, '2025-26').Episodes).toHaveLength(0);
    const tables = build903(input, '2025-26', '2027-03-31');
    expect(tables.Episodes).toHaveLength(1);
    const r = validate903Return(tables, { year: '2025-26', referenceDate: '2027-03-31' });
    expect(r.issues.filter((i) => i.rule.startsWith('1') && i.field === 'DECOM')).toEqual([]);
  });
});
