/** Rule 100: the header's reference date. */
import { returnRule } from './define.ts';

export const rule100 = returnRule({
  code: '100',
  message: 'Reference Date is incorrect',
  module: 'Header',
  fields: ['ReferenceDate'],
  fix: 'Set the header ReferenceDate to 31 March of the collection Year (for 2025/26: Year 2026, ReferenceDate 2026-03-31).',
  check(_children, ctx, report) {
    const { referenceDate, year } = ctx.header;
    if (!referenceDate || !year || referenceDate !== `${year}-03-31`) {
      report({ values: { ReferenceDate: referenceDate ?? null, Year: year ?? null } });
    }
  },
});

export const rules = [rule100];
