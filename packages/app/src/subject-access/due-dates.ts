/**
 * The statutory time limit of a subject access request (UK GDPR Art. 12(3)): one calendar month
 * from the day it was received, the corresponding day of the next month, or that month's last day
 * when it has none (31 January → 28 February, or 29 in a leap year); extendable by two further
 * months where the request is complex or one of several (the reason recorded). Tracked and shown,
 * never blocking: an overdue request can still be answered.
 */

/**
 * `iso` plus `months` calendar months, clamped to the last day of the month reached.
 * @example addCalendarMonths('2027-01-31', 1) // '2027-02-28'
 * @example addCalendarMonths('2028-01-31', 1) // '2028-02-29'
 */
export function addCalendarMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The due date of a request received on `receivedOn`: one calendar month later. */
export const dueDateOf = (receivedOn: string): string => addCalendarMonths(receivedOn, 1);

/** The latest an extension may run to: two further months, three from receipt. */
export const extendedDateOf = (receivedOn: string): string => addCalendarMonths(receivedOn, 3);

/** How many days before the due date a request is "due soon". */
export const DUE_SOON_DAYS = 7;

export type Timeliness = 'overdue' | 'due-soon' | 'on-time' | 'closed';

/** Whether an open request is overdue or due soon on `today` (tags on the list, never blocking). */
export function timelinessOf(r: { status: string; dueOn: string }, today: string): Timeliness {
  if (r.status !== 'open') return 'closed';
  if (r.dueOn < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + DUE_SOON_DAYS);
  return r.dueOn <= soon.toISOString().slice(0, 10) ? 'due-soon' : 'on-time';
}
