import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { blankProblems, buildAnnexA } from '../src/annex-a/build.ts';
import { ANNEX_A_CODES, ANNEX_A_COLUMNS, type ListName } from '../src/annex-a/spec.ts';
import { toCsv, toXlsx } from '../src/annex-a/write.ts';
import { generateInput } from '../src/generate/generate.ts';
import type { Child, ReturnsInput } from '../src/model/types.ts';

const specDir = fileURLToPath(new URL('../../../../shared/spec/annex-a/', import.meta.url));
const hasSpec = existsSync(specDir);
const yaml = (f: string) =>
  load(readFileSync(`${specDir}${f}`, 'utf8')) as Record<string, Record<string, unknown>>;

describe('Annex A specification', () => {
  it.skipIf(!hasSpec)('has the columns of la-agg.yml in order, without the LA column liia-tools adds', () => {
    const order = yaml('la-agg.yml').sort_order as Record<string, string[]>;
    for (const [list, cols] of Object.entries(ANNEX_A_COLUMNS)) {
      const expected = order[list]!.filter((c) => c !== 'LA');
      // la-agg.yml drops List 8's UASC column; the specification and annex-a-merge.yml have it after the common block.
      if (list === 'List 8')
        expected.splice(5, 0, 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)');
      expect(
        cols.map((c) => c.header),
        list,
      ).toEqual(expected);
    }
  });

  it.skipIf(!hasSpec)(
    'has the types and blank rules of annex-a-merge.yml and the codes of data-map.yml',
    () => {
      const merge = yaml('annex-a-merge.yml').datasources as Record<
        string,
        Record<string, { type?: string; canbeblank?: boolean } | null>
      >;
      for (const [list, cols] of Object.entries(ANNEX_A_COLUMNS)) {
        for (const c of cols) {
          const m = merge[list]![c.header];
          expect({ list, h: c.header, type: c.type, blank: c.canBeBlank }).toEqual({
            list,
            h: c.header,
            type: m?.type ?? 'text',
            blank: !!m?.canbeblank,
          });
        }
      }
      const map = yaml('data-map.yml').data_config as Record<string, Record<string, { code: string }[]>>;
      for (const [list, cols] of Object.entries(map)) {
        for (const [col, codes] of Object.entries(cols))
          expect(ANNEX_A_CODES[list as ListName]![col]).toEqual(codes.map((x) => x.code));
      }
    },
  );
});

const child = (over: Partial<Child>): Child => ({
  laChildId: 'C1',
  birthDate: '2015-03-01',
  sex: 'F',
  ethnicity: 'BAFR',
  disabilities: ['NONE'],
  allocatedTeam: 'Team A',
  allocatedWorker: 'Worker 1',
  cinEpisodes: [],
  ...over,
});

describe('Annex A lists', () => {
  const input: ReturnsInput = {
    laCode: '201',
    children: [
      child({
        contacts: [
          { date: '2025-12-01', source: '1A' },
          { date: '2025-01-01', source: '6' },
        ],
        cinEpisodes: [
          {
            referralDate: '2025-12-02',
            referralSource: '1A',
            referralNfa: false,
            primaryNeedCode: 'N1',
            assessments: [
              {
                startDate: '2025-12-03',
                authorisationDate: '2025-12-20',
                factors: ['3A'],
                childSeen: true,
                needsSupport: true,
              },
            ],
            section47s: [
              {
                startDate: '2025-12-04',
                dateOfInitialCpc: '2025-12-18',
                icpcNotRequired: false,
                icpcResultedInPlan: true,
              },
            ],
            childProtectionPlans: [
              {
                startDate: '2025-12-18',
                initialCategory: 'NEG',
                latestCategory: 'PHY',
                numberOfPreviousCpps: 0,
                reviews: ['2026-03-18'],
              },
            ],
          },
        ],
      }),
    ],
  };
  const lists = buildAnnexA(input, '2026-01-15');
  const get = (n: ListName) => lists.find((l) => l.name === n)!;

  it('builds every list with exactly its columns', () => {
    expect(lists.map((l) => l.name)).toEqual(Object.keys(ANNEX_A_COLUMNS));
    for (const l of lists) for (const r of l.rows) expect(r).toHaveLength(l.columns.length);
  });

  it('takes contacts and referrals of the six months before the inspection, with coded values', () => {
    expect(get('List 1').rows).toEqual([
      ['C1', 'b) Female', 'o) BAFR', '2015-03-01', 10, '2025-12-01', 'a) 1A: Individual'],
    ]);
    const l3 = get('List 3').rows[0]!;
    expect(l3.slice(5)).toEqual(['2025-12-02', 'a) 1A: Individual', 'b) No', 1, 'Team A', 'Worker 1']);
  });

  it('codes child protection, leaving later reviews out', () => {
    const r = get('List 7').rows[0]!;
    const at = (h: string) => r[get('List 7').columns.findIndex((c) => c.header === h)];
    expect(at('Initial Category of Abuse')).toBe('a) Neglect');
    expect(at('Latest Category of Abuse')).toBe('b) Physical abuse');
    expect(at('Date of latest review conference')).toBeNull();
    expect(at('Does the Child have a Disability')).toBe('b) No');
    expect(get('List 6').rows[0]![get('List 6').columns.findIndex((c) => c.header === 'Case Status')]).toBe(
      'b) Child Protection plan',
    );
    expect(get('List 5').rows[0]!.slice(6, 12)).toEqual([
      '2025-12-04',
      'b) No',
      '2025-12-18',
      'a) Yes',
      1,
      1,
    ]);
  });

  it('writes CSV with the exact header, dd/mm/yyyy dates and quoted commas', () => {
    const csv = toCsv(get('List 1').columns, [
      ['C,1', 'b) Female', 'o) BAFR', '2015-03-01', 10, '2025-12-01', 'a) 1A: Individual'],
    ]);
    expect(csv).toBe(
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\r\n"C,1",b) Female,o) BAFR,01/03/2015,10,01/12/2025,a) 1A: Individual\r\n',
    );
  });

  it('writes an xlsx workbook with one sheet per list and real dates', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(lists)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.keys(ANNEX_A_COLUMNS));
    const ws = wb.getWorksheet('List 1')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...ANNEX_A_COLUMNS['List 1'].map((c) => c.header)]);
    expect((ws.getCell('F2').value as Date).toISOString().slice(0, 10)).toBe('2025-12-01');
    expect(ws.getCell('F2').numFmt).toBe('dd/mm/yyyy');
  });

  it('fills every column that may not be blank, for a generated authority', () => {
    const gen = buildAnnexA(generateInput({ children: 1500, seed: 4, year: '2025-26' }), '2026-01-15');
    for (const l of gen) expect(l.rows.length, l.name).toBeGreaterThan(0);
    expect(blankProblems(gen)).toEqual([]);
  });
});
