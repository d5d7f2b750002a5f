/** Builds the 11 Ofsted Annex A lists for an inspection date from the model. */
import type { ReturnsInput } from '../model/types.ts';
import { type Cell, windowOf } from './common.ts';
import { list6, list7 } from './lists-cin.ts';
import { list1, list2, list3, list4, list5 } from './lists-early.ts';
import { list8, list9, list10, list11 } from './lists-care.ts';
import { ANNEX_A_COLUMNS, type AnnexColumn, type ListName } from './spec.ts';

export interface AnnexAList {
  name: ListName;
  title: string;
  columns: readonly AnnexColumn[];
  /** One array per row, aligned with `columns`; dates are ISO strings until written. */
  rows: Cell[][];
}

const TITLES: Record<ListName, string> = {
  'List 1': 'Contacts',
  'List 2': 'Early help',
  'List 3': 'Referrals',
  'List 4': 'Assessments',
  'List 5': 'Section 47 enquiries and ICPCs',
  'List 6': 'Children in need',
  'List 7': 'Child protection',
  'List 8': 'Children in care',
  'List 9': 'Care leavers',
  'List 10': 'Adoption',
  'List 11': 'Adopters',
};

/**
 * The 11 lists, each row with exactly the list's columns.
 * @example buildAnnexA(input, '2026-01-15').find((l) => l.name === 'List 7')!.rows.length
 */
export function buildAnnexA(input: ReturnsInput, inspectionDate: string): AnnexAList[] {
  const w = windowOf(inspectionDate);
  const c = input.children;
  const rows: Record<ListName, Cell[][]> = {
    'List 1': list1(c, w),
    'List 2': list2(c, w),
    'List 3': list3(c, w),
    'List 4': list4(c, w),
    'List 5': list5(c, w),
    'List 6': list6(c, w),
    'List 7': list7(c, w),
    'List 8': list8(c, w, input.laCode),
    'List 9': list9(c, w),
    'List 10': list10(c, w),
    'List 11': list11(input.adopters ?? [], w),
  };
  return (Object.keys(ANNEX_A_COLUMNS) as ListName[]).map((name) => ({
    name,
    title: TITLES[name],
    columns: ANNEX_A_COLUMNS[name],
    rows: rows[name],
  }));
}

export interface BlankProblem {
  list: ListName;
  row: number;
  column: string;
  child: string;
}

/** Cells left blank in columns Ofsted says cannot be blank (rows numbered from 1 below the header). */
export function blankProblems(lists: readonly AnnexAList[]): BlankProblem[] {
  const out: BlankProblem[] = [];
  for (const l of lists) {
    l.rows.forEach((row, i) => {
      l.columns.forEach((col, j) => {
        const v = row[j];
        if (!col.canBeBlank && (v === null || v === undefined || v === ''))
          out.push({ list: l.name, row: i + 1, column: col.header, child: String(row[0] ?? '') });
      });
    });
  }
  return out;
}
