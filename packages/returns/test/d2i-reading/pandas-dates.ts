/**
 * Dates as our reading of the D2I validator sees them, written apart from the package's date code:
 * pandas `to_datetime(column, errors="coerce")` over a column of ISO dates (the format it infers
 * from the first value of every file these tests write) keeps `YYYY-M-D` dates that exist and fall
 * in pandas' nanosecond range (1677-09-22 to 2262-04-11) and turns anything else into NaT, shown
 * here as null. A day is a number (days since 1970-01-01) so comparisons are plain numbers.
 */

const MIN_DAY = dayNumber(1677, 9, 22);
const MAX_DAY = dayNumber(2262, 4, 11);

function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

function real(y: number, m: number, d: number): number | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCFullYear(y);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return Math.round(t.getTime() / 86_400_000);
}

/** A column value as pandas reads it: its day number, or null (NaT). */
export function pdDate(v: string | null | undefined): number | null {
  if (v == null) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (!m) return null;
  const day = real(Number(m[1]), Number(m[2]), Number(m[3]));
  return day !== null && day >= MIN_DAY && day <= MAX_DAY ? day : null;
}

/**
 * The header's ReferenceDate, a one-value column: an ISO date, the same at midnight, or
 * day/month/year. `midnight` is false for a time of day other than 00:00 (the value is then a
 * timestamp that equals no date).
 */
export function pdHeaderDate(v: string | null | undefined): { day: number; midnight: boolean } | null {
  if (v == null) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (iso) {
    const day = real(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const midnight = [iso[4], iso[5], iso[6]].every((p) => p === undefined || Number(p) === 0);
    return day === null ? null : { day, midnight };
  }
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (dmy) {
    const day = real(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
    return day === null ? null : { day, midnight: true };
  }
  return null;
}

/** Monday 0 … Sunday 6, as pandas' `.dt.weekday`. 1970-01-01 was a Thursday (3). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The day one year before (`DateOffset(years=1)`: 29 February goes to 28 February). */
export function yearBefore(day: number): number {
  const t = new Date(day * 86_400_000);
  const y = t.getUTCFullYear() - 1;
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return real(y, m, d) ?? dayNumber(y, m, d - 1);
}

/** England and Wales bank holidays in the D2I validator's own list (2022 to 2025). */
const D2I_HOLIDAYS = new Set(
  [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
    '2023-01-02',
    '2023-04-07',
    '2023-04-10',
    '2023-05-01',
    '2023-05-08',
    '2023-05-29',
    '2023-08-28',
    '2023-12-25',
    '2023-12-26',
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ].map((d) => pdDate(d)!),
);

/** True on a weekday that is not in D2I's holiday list. */
export function isD2iWorkingDay(day: number): boolean {
  return weekday(day) < 5 && !D2I_HOLIDAYS.has(day);
}

/**
 * `day - CustomBusinessDay(n=0)`: pandas rolls a zero-day business offset forward, so this is the
 * day itself when it is a working day, otherwise the next working day.
 */
export function rollForward(day: number): number {
  let d = day;
  while (!isD2iWorkingDay(d)) d += 1;
  return d;
}
