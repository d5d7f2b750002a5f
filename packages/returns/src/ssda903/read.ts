/**
 * Reading a 903 return from CSV files whatever their names: each file is recognised by its header
 * row (the set of columns of one table), a UTF-8 byte-order mark is skipped, and every value is
 * trimmed and upper-cased as the DfE's and the councils' reference validators read them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SSDA903_TABLES, type Ssda903Table } from './tables.ts';
import type { Row903, Tables903 } from './validate/types.ts';

/** Input that is not a readable 903 return; the message is one line naming the problem. */
export class Ssda903ReadError extends Error {}

const TABLES = Object.entries(SSDA903_TABLES) as [Ssda903Table, readonly string[]][];
const KEY = (cols: readonly string[]): string => [...cols].sort().join(',');
const BY_COLUMNS = new Map(TABLES.map(([t, cols]) => [KEY(cols), t]));

/** The table whose columns are exactly `columns` (in any order), or null. */
export function tableOfColumns(columns: readonly string[]): Ssda903Table | null {
  return BY_COLUMNS.get(KEY(columns.map((c) => c.trim().toUpperCase()))) ?? null;
}

/**
 * Parses one CSV file of the return.
 * @throws Ssda903ReadError when it is not UTF-8 CSV or its header matches no 903 table.
 */
export function parseSsda903Csv(
  text: string | Buffer,
  name = 'file',
): { table: Ssda903Table; rows: Row903[] } {
  let s: string;
  if (typeof text === 'string') s = text;
  else {
    if (
      text.length >= 2 &&
      ((text[0] === 0xff && text[1] === 0xfe) || (text[0] === 0xfe && text[1] === 0xff))
    )
      throw new Ssda903ReadError(`${name}: the file is UTF-16; save it as UTF-8`);
    s = text.toString('utf8');
  }
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  if (s.includes('\u0000')) throw new Ssda903ReadError(`${name}: the file holds NUL bytes, not CSV text`);
  if (s.trim() === '') throw new Ssda903ReadError(`${name}: the file is empty`);
  let records: string[][];
  try {
    const opts = { relax_column_count: true, skip_empty_lines: true };
    records = parse(s, opts);
  } catch (e) {
    throw new Ssda903ReadError(`${name}: not readable CSV: ${(e as Error).message.split('\n')[0]}`);
  }
  const header = (records[0] ?? []).map((c) => c.trim().toUpperCase());
  const table = tableOfColumns(header);
  if (!table)
    throw new Ssda903ReadError(
      `${name}: the columns (${header.join(', ')}) match no SSDA903 table; expected e.g. ${SSDA903_TABLES.Header.join(', ')}`,
    );
  const rows: Row903[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.every((v) => v.trim() === '')) continue;
    const row: Record<string, string> = {};
    header.forEach((col, j) => {
      row[col] = (rec[j] ?? '').trim().toUpperCase();
    });
    rows.push(row);
  }
  return { table, rows };
}

/**
 * Reads every `.csv` file in a folder as one 903 return.
 * @throws Ssda903ReadError for a missing folder, no CSV files, an unrecognised file or two files of one table.
 * @example readSsda903Dir('903/').tables.Episodes?.length
 */
export function readSsda903Dir(dir: string): { tables: Tables903; files: Record<string, string> } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Ssda903ReadError(`not a folder: ${dir}`);
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.csv'));
  } catch (e) {
    if (e instanceof Ssda903ReadError) throw e;
    throw new Ssda903ReadError(`input folder not found: ${dir}`);
  }
  if (names.length === 0) throw new Ssda903ReadError(`no .csv files in ${dir}`);
  const tables: Tables903 = {};
  const files: Record<string, string> = {};
  for (const n of names.sort()) {
    const { table, rows } = parseSsda903Csv(readFileSync(join(dir, n)), n);
    if (files[table]) throw new Ssda903ReadError(`${n} and ${files[table]} both hold the ${table} table`);
    files[table] = n;
    tables[table] = rows;
  }
  return { tables, files };
}
