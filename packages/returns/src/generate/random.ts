/** Dates drawn from the one seeded random source (`@waypoint/random`), so test data is the same on every run. */
import type { Random } from '@waypoint/random';
import { addDays, toDayNumber } from '../dates.ts';

export { Random } from '@waypoint/random';

/** A date in [from, to], both ISO `YYYY-MM-DD`. */
export function dateIn(r: Random, from: string, to: string): string {
  return addDays(from, r.int(0, Math.max(0, toDayNumber(to) - toDayNumber(from))));
}
