import { basename } from 'node:path';
import { type DateFormat, parseDate } from '../dates.ts';
import type { PersonRecord } from '../person.ts';
import type { CsvTable } from './csv-input.ts';
import { InputError } from './errors.ts';
import { type FieldMap, resolveColumns } from './mapping.ts';

/**
 * Turn CSV tables into person records: mapped columns joined with spaces, dates parsed in the given
 * format (unparseable ones become missing and are counted), the id column kept as an opaque string.
 * Refuses an unknown id column and empty or repeated ids.
 */
export function tablesToRecords(
  tables: readonly CsvTable[],
  idColumn: string,
  map: FieldMap,
  dateFormat: DateFormat,
): { records: PersonRecord[]; unparseableDates: number } {
  const records: PersonRecord[] = [];
  const seen = new Map<string, string>();
  let unparseableDates = 0;
  tables.forEach((t, n) => {
    const idIndex = t.header.indexOf(idColumn);
    if (idIndex < 0) throw new InputError(`${t.path}: unknown id column "${idColumn}"`);
    const columns = [...resolveColumns(map, t.header, t.path)];
    const source = `${n + 1}:${basename(t.path)}`;
    t.rows.forEach((row, k) => {
      const id = row[idIndex]!;
      if (id === '') throw new InputError(`${t.path}: empty id in column "${idColumn}" at record ${k + 1}`);
      const other = seen.get(id);
      if (other !== undefined)
        throw new InputError(`${t.path}: id "${id}" repeated (also in ${other}); ids must be unique`);
      seen.set(id, t.path);
      const r: PersonRecord = { id, source };
      for (const [field, idx] of columns) {
        const value = idx
          .map((c) => row[c]!)
          .filter((v) => v !== '')
          .join(' ');
        if (value === '') continue;
        if (field === 'dob') {
          const ymd = parseDate(value, dateFormat);
          if (ymd === null) unparseableDates++;
          r.dob = ymd;
        } else r[field] = value;
      }
      records.push(r);
    });
  });
  return { records, unparseableDates };
}
