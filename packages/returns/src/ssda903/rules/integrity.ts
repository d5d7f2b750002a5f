/** Integrity checks between the tables (INT01–INT36) and the EPI warning. */
import type { Ssda903Table } from '../tables.ts';
import type { Rule903 } from '../validate/types.ts';
import { rule } from './define.ts';

const inHeader = (code: string, table: Ssda903Table): Rule903 =>
  rule({
    code,
    check(c, report) {
      if (c.rows('Header').length > 0) return;
      for (const row of c.rows(table)) report(table, row, 'CHILD');
    },
  });

const sameAsHeader = (code: string, table: Ssda903Table, col: 'DOB' | 'SEX'): Rule903 =>
  rule({
    code,
    check(c, report) {
      const h = c.header;
      if (!h) return;
      for (const row of c.rows(table)) if ((row[col] ?? '') !== (h[col] ?? '')) report(table, row, col);
    },
  });

const once = (code: string, table: Ssda903Table): Rule903 =>
  rule({
    code,
    check(c, report) {
      const rows = c.rows(table);
      if (rows.length > 1) for (const row of rows) report(table, row, 'CHILD');
    },
  });

export const INTEGRITY_RULES: Rule903[] = [
  inHeader('INT01', 'AD1'),
  inHeader('INT02', 'PlacedAdoption'),
  inHeader('INT03', 'Episodes'),
  inHeader('INT04', 'Missing'),
  inHeader('INT05', 'OC2'),
  inHeader('INT06', 'OC3'),
  inHeader('INT07', 'PrevPerm'),
  inHeader('INT08', 'Reviews'),
  inHeader('INT09', 'UASC'),
  sameAsHeader('INT11', 'AD1', 'DOB'),
  sameAsHeader('INT12', 'PlacedAdoption', 'DOB'),
  sameAsHeader('INT13', 'Missing', 'DOB'),
  sameAsHeader('INT14', 'OC2', 'DOB'),
  sameAsHeader('INT15', 'OC3', 'DOB'),
  sameAsHeader('INT16', 'PrevPerm', 'DOB'),
  sameAsHeader('INT17', 'Reviews', 'DOB'),
  sameAsHeader('INT18', 'UASC', 'DOB'),
  sameAsHeader('INT21', 'UASC', 'SEX'),
  once('INT31', 'AD1'),
  once('INT32', 'Header'),
  once('INT33', 'OC2'),
  once('INT34', 'OC3'),
  once('INT35', 'PrevPerm'),
  once('INT36', 'UASC'),
  rule({
    code: 'EPI',
    tables: ['Header'],
    fix: 'Load the Episodes file (and OC3 for care leavers): a child in the Header needs one or the other.',
    check(c, report) {
      if (c.rows('Episodes').length === 0 && c.rows('OC3').length === 0)
        for (const row of c.rows('Header')) report('Header', row, 'CHILD');
    },
  }),
];
