import { basename } from 'node:path';
import { type DateFormat, detectDayMonthOrder, parseDate } from '../dates.ts';
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
): { records: PersonRecord[]; unparseableDates: number; unparsedExamples: string[] } {
  const records: PersonRecord[] = [];
  const seen = new Map<string, string>();
  let unparseableDates = 0;
  const unparsed = new Set<string>();
  tables.forEach((t, n) => {
    const idIndex = t.header.indexOf(idColumn);
    if (idIndex < 0) throw new InputError(`${t.path}: unknown id column "${idColumn}"`);
    const columns = [...resolveColumns(map, t.header, t.path)];
    const source = `${n + 1}:${basename(t.path)}`;
    // With --date-format auto, each file's numeric dates are read day first unless the file shows
    // they are month first (see detectDayMonthOrder).
    const dobColumns = columns.find(([field]) => field === 'dob')?.[1] ?? [];
    const order = detectDayMonthOrder(t.rows.map((row) => dobColumns.map((c) => row[c]!).join(' ')));
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
          const ymd = parseDate(value, dateFormat, order);
          if (ymd === null) {
            unparseableDates++;
            if (unparsed.size < 5) unparsed.add(value);
          }
          r.dob = ymd;
        } else r[field] = value;
      }
      records.push(r);
    });
  });
  return { records, unparseableDates, unparsedExamples: [...unparsed] };
}
