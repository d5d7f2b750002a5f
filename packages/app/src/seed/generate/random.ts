/**
 * The one seeded random source (`@waypoint/random`) and date helpers, so a seed number always
 * generates the same LA. Never Math.random: every draw comes from a `Random` derived from the seed.
 */

export { hashSeed, Random } from '@waypoint/random';

const DAY = 86_400_000;
/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const fromDayNumber = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number): string => fromDayNumber(dayNumber(iso) + days);
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
/** Whole years from `dob` to `on`. */
export function ageOn(dob: string, on: string): number {
  const [y1, m1, d1] = dob.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = on.split('-').map(Number) as [number, number, number];
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}
/** Moves a date off a weekend to the next Monday (meetings are held on working days). */
export function weekday(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 6 ? addDays(iso, 2) : d === 0 ? addDays(iso, 1) : iso;
}
