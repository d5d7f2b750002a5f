/** The kinds of inspection an LA's children's services have, in Ofsted's words. */
import type { InspectionKind } from '../db/schema.ts';

export const inspectionKinds = [
  ['ilacs_short', 'ILACS short inspection'],
  ['ilacs_standard', 'ILACS standard inspection'],
  ['focused_visit', 'Focused visit'],
  ['jtai', 'Joint targeted area inspection (JTAI)'],
] as const satisfies readonly (readonly [InspectionKind, string])[];

export type { InspectionKind };

/** The kind in words. @example kindLabel('jtai') // 'Joint targeted area inspection (JTAI)' */
export function kindLabel(kind: InspectionKind): string {
  return inspectionKinds.find(([k]) => k === kind)?.[1] ?? kind;
}
