import { readFileSync, statSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from './errors.ts';

/** A CSV file read whole: its header and rows of trimmed strings. */
export interface CsvTable {
  path: string;
  header: string[];
  rows: string[][];
}

/**
 * Read a CSV file, refusing (with an {@link InputError}) a missing or empty file, a file that is
 * not UTF-8, and ragged rows. Values are trimmed.
 */
export function readCsv(path: string): CsvTable {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new InputError(`${path}: not a file`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: file not found or not readable`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${path}: wrong encoding (UTF-16); save the file as UTF-8`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: wrong encoding: not valid UTF-8 (save the file as UTF-8)`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(`${path}: empty file`);
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        throw new InputError(
          `${path}: ragged row at line ${line ?? '?'}: its number of fields differs from the header's`,
        );
      }
      throw new InputError(
        `${path}: malformed CSV at line ${line ?? '?'}: ${e.message.split('\n')[0] ?? ''}`,
      );
    }
    throw e;
  }
  const [header, ...rows] = records;
  if (!header) throw new InputError(`${path}: empty file`);
  if (rows.length === 0) throw new InputError(`${path}: no records below the header`);
  return { path, header, rows };
}
