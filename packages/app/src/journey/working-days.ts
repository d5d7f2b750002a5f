/**
 * Working days (England and Wales bank holidays, from @waypoint/returns) between two dates, for
 * reporting only: nothing in the workflow blocks or marks work late by a national day count.
 */
import { isWorkingDay } from '@waypoint/returns/calendar';

const DAY = 86_400_000;

/** Working days after `from`, up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`) + DAY, end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY)
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
  return count;
}
