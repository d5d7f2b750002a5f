import { InputError } from '@waypoint/linkage/cli/errors.ts';
import { isPprlField, PPRL_FIELDS, type PprlField } from '../schema.ts';

/** Schema field → the CSV columns joined (with spaces) to make its value. */
export type FieldMap = Map<PprlField, string[]>;

/**
 * Parse `--map given_name=forename,address=line1+line2`, exactly as `waypoint-link` takes it
 * (its fields plus `other_names` and `upn`).
 * @example parseMap('given_name=forename,address=line1+line2').get('address') // ['line1', 'line2']
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
    if (!isPprlField(field))
      throw new InputError(`--map: unknown field "${field}" (fields: ${PPRL_FIELDS.join(' ')})`);
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
