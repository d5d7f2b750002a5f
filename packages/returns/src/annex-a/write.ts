/** Writes Annex A lists as CSV text and as an `.xlsx` workbook (ExcelJS). */
import { PassThrough } from 'node:stream';
import { toUkDate } from '../dates.ts';
import type { AnnexAList } from './build.ts';
import type { Cell } from './common.ts';
import type { AnnexColumn } from './spec.ts';

/** A cell as the CSV shows it: dates dd/mm/yyyy, numbers as digits, blanks empty. */
function text(v: Cell, col: AnnexColumn): string {
  if (v === null || v === '') return '';
  if (col.type === 'date' && typeof v === 'string') return toUkDate(v);
  return String(v);
}

const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV rows joined with CRLF (RFC 4180), header first. */
export function toCsv(columns: readonly AnnexColumn[], rows: readonly Cell[][]): string {
  const lines = [columns.map((c) => quote(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c, i) => quote(text(r[i] ?? null, c))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The file name of a list's CSV, e.g. `annex-a-list-01.csv`. */
export function csvName(list: AnnexAList): string {
  return `annex-a-list-${list.name.slice(5).padStart(2, '0')}.csv`;
}

/**
 * The lists as an xlsx workbook, one sheet per list named as the list ("List 1" …), header row
 * frozen and bold, dates as real dates shown dd/mm/yyyy. Rows are streamed (ExcelJS's
 * WorkbookWriter), so memory stays flat for large authorities.
 */
export async function toXlsx(lists: readonly AnnexAList[]): Promise<Buffer> {
  // Loaded when a workbook is written: ExcelJS and its zip libraries take half a second to load.
  const { default: ExcelJS } = await import('exceljs');
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Waypoint';
  wb.created = new Date(0);
  for (const l of lists) {
    const ws = wb.addWorksheet(l.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = l.columns.map((c) => ({
      header: c.header,
      width: Math.min(40, Math.max(12, c.header.length + 2)),
      style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of l.rows) ws.addRow(l.columns.map((c, i) => cellValue(r[i] ?? null, c))).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function cellValue(v: Cell, c: AnnexColumn): string | number | Date | null {
  if (v === null || v === '') return null;
  if (c.type === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  return v;
}
