/** Rule 100: the header's reference date. */
import { returnRule } from './define.ts';
import { date } from './helpers.ts';

/**
 * The day a header ReferenceDate names: an ISO date (optionally at midnight, `T00:00:00`) or a
 * day/month/year date, as a date reader reads it (the D2I validator parses the element as a date
 * and compares it with midnight on 31 March). Null for anything else: no date, a date that does not
 * exist, a time other than midnight or a time zone.
 * @example headerDate('2026-03-31T00:00:00') // '2026-03-31'
 */
export function headerDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$/.exec(v);
  if (iso) return date(iso[1]);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (dmy) return date(`${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`);
  return null;
}

export const rule100 = returnRule({
  code: '100',
  message: 'Reference Date is incorrect',
  module: 'Header',
  fields: ['ReferenceDate'],
  fix: 'Set the header ReferenceDate to 31 March of the collection Year (for 2025/26: Year 2026, ReferenceDate 2026-03-31).',
  check(_children, ctx, report) {
    const { referenceDate, year } = ctx.header;
    const day = headerDate(referenceDate);
    if (!day || !year || !/^\d{4}$/.test(year) || day !== `${year}-03-31`) {
      report({ values: { ReferenceDate: referenceDate ?? null, Year: year ?? null } });
    }
  },
});

export const rules = [rule100];
