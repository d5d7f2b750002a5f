/**
 * Ofsted's Annex A child lists as of an inspection date, row by row with the record each row is
 * about: for the inspection capability, which keeps them for its inspectors to choose children
 * from. The same read (`readLaForReturns`, one audited read of the LA, `see_returns` only) and the
 * same build (`buildAnnexA` of `@waypoint/returns`) as the Annex A workbook.
 */
import { buildAnnexA, type AnnexAList } from '@waypoint/returns';
import type { PersonRecords } from '../records/person-records.ts';
import { readLaForReturns } from './read-la.ts';

export interface AnnexAChildList {
  name: AnnexAList['name'];
  title: string;
  headers: string[];
  rows: { personId: string | null; cells: AnnexAList['rows'][number] }[];
}

/**
 * The Annex A lists about children (lists 1 to 10; list 11 is adopters) for `inspectionDate`.
 * Each row's first cell is the LA child ID, mapped back to the record.
 * @throws NotFoundError when the caller may not see the returns
 * @example (await annexAChildLists(records, '2026-01-15')).find((l) => l.name === 'List 7')?.rows.length
 */
export async function annexAChildLists(
  records: PersonRecords,
  inspectionDate: string,
): Promise<AnnexAChildList[]> {
  const la = await readLaForReturns(records, `annex-a ${inspectionDate}`, inspectionDate);
  return buildAnnexA(la.input, inspectionDate)
    .filter((l) => l.name !== 'List 11')
    .map((l) => ({
      name: l.name,
      title: l.title,
      headers: l.columns.map((c) => c.header),
      rows: l.rows.map((cells) => ({
        personId: typeof cells[0] === 'string' ? (la.children.get(cells[0])?.personId ?? null) : null,
        cells,
      })),
    }));
}
