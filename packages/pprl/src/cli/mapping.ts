import { parseFieldMap } from '@waypoint/linkage/cli/mapping.ts';
import { isPprlField, PPRL_FIELDS, type PprlField } from '../schema.ts';

/** Schema field → the CSV columns joined (with spaces) to make its value. */
export type FieldMap = Map<PprlField, string[]>;

/**
 * Parse `--map given_name=forename,address=line1+line2`, exactly as `waypoint-link` takes it
 * (its fields plus `other_names` and `upn`).
 * @example parseMap('given_name=forename,address=line1+line2').get('address') // ['line1', 'line2']
 */
export function parseMap(spec: string): FieldMap {
  return parseFieldMap(spec, isPprlField, PPRL_FIELDS);
}
