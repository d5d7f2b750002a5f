import { isPersonField, type PersonField } from '../person.ts';
import { InputError } from './errors.ts';

/** Model field → the CSV columns joined (with spaces) to make its value. */
export type FieldMap = Map<PersonField, string[]>;

/**
 * Parse `--map given_name=forename,address=house_no+street`.
 * @example parseMap('given_name=forename,address=house_no+street').get('address') // ['house_no', 'street']
 */
export function parseMap(spec: string): FieldMap {
  const map: FieldMap = new Map();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new InputError(`--map: "${part}" is not field=column`);
    const field = part.slice(0, eq).trim();
    if (!isPersonField(field)) throw new InputError(`--map: unknown field "${field}"`);
    if (map.has(field)) throw new InputError(`--map: field "${field}" mapped twice`);
    const columns = part
      .slice(eq + 1)
      .split('+')
      .map((c) => c.trim());
    if (columns.some((c) => c === '')) throw new InputError(`--map: empty column name for "${field}"`);
    map.set(field, columns);
  }
  if (map.size === 0) throw new InputError('--map: no fields mapped');
  return map;
}

/** Column indexes of every mapped column, or an InputError naming the first unknown one. */
export function resolveColumns(
  map: FieldMap,
  header: readonly string[],
  path: string,
): Map<PersonField, number[]> {
  const out = new Map<PersonField, number[]>();
  for (const [field, columns] of map) {
    out.set(
      field,
      columns.map((c) => {
        const k = header.indexOf(c);
        if (k < 0) throw new InputError(`${path}: unknown column "${c}" (mapped to ${field})`);
        return k;
      }),
    );
  }
  return out;
}
