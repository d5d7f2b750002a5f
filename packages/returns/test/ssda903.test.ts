import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateInput } from '../src/generate/generate.ts';
import type { ReturnsInput } from '../src/model/types.ts';
import { build903 } from '../src/ssda903/build.ts';
import { SSDA903_TABLES, type Ssda903Table, ssda903Csv } from '../src/ssda903/tables.ts';

const spec = fileURLToPath(new URL('../../../../shared/domain/statutory-data.md', import.meta.url));
const schema = fileURLToPath(
  new URL('../../../../shared/spec/ssda903/SSDA903_schema_2024.yml', import.meta.url),
);

describe('SSDA903 files', () => {
  it.skipIf(!existsSync(spec))('have exactly the headers of the specification', () => {
    const text = readFileSync(spec, 'utf8');
    for (const [table, cols] of Object.entries(SSDA903_TABLES)) {
      const row = new RegExp(`^\\| ${table}[^|]*\\| ([^|]+) \\|$`, 'm').exec(text);
      expect(row, table).not.toBeNull();
      expect(cols.join(', '), table).toBe(row![1]!.replace(/\(.*\)/, '').trim());
    }
  });

  it.skipIf(!existsSync(schema))('write only the codes the 903 schema allows', () => {
    const map = (
      load(readFileSync(schema, 'utf8')) as {
        column_map: Record<string, Record<string, { category?: { code: string }[] }>>;
      }
    ).column_map;
    const tables = build903(generateInput({ children: 3000, seed: 8, year: '2025-26' }), '2025-26');
    const specName = (t: string) => (t === 'SWEpisodes' ? 'SocialWorker' : t);
    let checked = 0;
    for (const t of Object.keys(SSDA903_TABLES) as Ssda903Table[]) {
      for (const row of tables[t]) {
        for (const [col, v] of Object.entries(row)) {
          // The 2024 schema still lists sex as 1/2; from 2024/25 the DfE's rule 101 asks for M, F or U.
          const cat =
            col === 'SEX' ? [{ code: 'M' }, { code: 'F' }, { code: 'U' }] : map[specName(t)]?.[col]?.category;
          if (!cat || v === '') continue;
          expect(
            cat.map((c) => c.code.trim()),
            `${t}.${col}`,
          ).toContain(v);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('covers the year, blanks end dates after 31 March and writes dd/mm/yyyy', () => {
    const input: ReturnsInput = {
      laCode: '201',
      children: [
        {
          laChildId: 'L1',
          birthDate: '2012-05-06',
          sex: 'M',
          ethnicity: 'WBRI',
          upn: 'A201000000011',
          cinEpisodes: [],
          lookedAfter: [
            {
              startDate: '2025-01-10',
              reasonNewEpisode: 'S',
              legalStatus: 'C2',
              categoryOfNeed: 'N1',
              placement: 'U4',
              placementProvider: 'PR1',
              endDate: '2026-05-01',
              reasonEnded: 'E4A',
            },
          ],
          lacReviews: [
            { date: '2025-06-01', participation: 'PN1' },
            { date: '2026-04-02', participation: 'PN1' },
          ],
          missing: [{ type: 'M', startDate: '2025-07-01', endDate: '2025-07-02' }],
        },
        { laChildId: 'NOTLAC', birthDate: '2012-05-06', sex: 'F', cinEpisodes: [] },
      ],
    };
    const t = build903(input, '2025-26');
    expect(t.Header).toEqual([
      {
        CHILD: 'L1',
        SEX: 'M',
        DOB: '06/05/2012',
        ETHNIC: 'WBRI',
        UPN: 'A201000000011',
        MOTHER: '',
        MC_DOB: '',
      },
    ]);
    expect(t.Episodes[0]).toMatchObject({ DECOM: '10/01/2025', DEC: '', REC: '', LS: 'C2' });
    // Up to 2023/24 the 903 sex is 1 or 2.
    const earlier = structuredClone(input);
    earlier.children[0]!.lookedAfter![0]!.startDate = '2023-06-01';
    expect(build903(earlier, '2023-24').Header[0]!.SEX).toBe('1');
    expect(t.Reviews.map((r) => r.REVIEW)).toEqual(['01/06/2025']);
    expect(ssda903Csv('Missing', t.Missing)).toBe(
      'CHILD,DOB,MISSING,MIS_START,MIS_END\r\nL1,06/05/2012,M,01/07/2025,02/07/2025\r\n',
    );
  });
});
