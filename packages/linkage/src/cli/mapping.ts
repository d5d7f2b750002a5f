import { isPersonField, type PersonField } from '../person.ts';
import { InputError } from './errors.ts';

/** Model field → the CSV columns joined (with spaces) to make its value. */
export type FieldMap = Map<PersonField, string[]>;

/**
 * Parse `--map given_name=forename,address=house_no+street` into the fields `isField` accepts
 * (`fields` is shown when a field is unknown). Shared by `waypoint-link` and `waypoint-pprl`.
 * @example parseFieldMap('given_name=forename', isPersonField).get('given_name') // ['forename']
 */
export function parseFieldMap<F extends string>(
  spec: string,
  isField: (name: string) => name is F,
  fields?: readonly string[],
): Map<F, string[]> {
  const map = new Map<F, string[]>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new InputError(`--map: "${part}" is not field=column`);
    const field = part.slice(0, eq).trim();
    if (!isField(field))
      throw new InputError(
        `--map: unknown field "${field}"${fields === undefined ? '' : ` (fields: ${fields.join(' ')})`}`,
      );
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

/**
 * Parse `--map given_name=forename,address=house_no+street`.
 * @example parseMap('given_name=forename,address=house_no+street').get('address') // ['house_no', 'street']
 */
export function parseMap(spec: string): FieldMap {
  return parseFieldMap(spec, isPersonField);
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
