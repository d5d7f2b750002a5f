/**
 * The one schema for finding people (page and API): name, date of birth, NHS number (with or
 * without spaces) and postcode (a full postcode, or an outward code such as "LS11").
 */
import { normaliseNhsNumber, normalisePostcode } from '@waypoint/identifiers';
import { z } from 'zod';
import { birthDate } from '../http/forms/dates.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;

export const searchQuery = z.object({
  name: z.preprocess(
    blankToUndefined,
    z.string().trim().max(200, 'Name must be 200 characters or fewer').optional(),
  ),
  dob: z.preprocess(blankToUndefined, birthDate.optional()),
  nhsNumber: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, ctx) => {
        const n = normaliseNhsNumber(v);
        if (n === null) {
          ctx.addIssue({ code: 'custom', message: 'Enter an NHS number of 10 digits, like 485 777 3456' });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
  ),
  postcode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, ctx) => {
        const full = normalisePostcode(v);
        if (full !== null) return full;
        const outward = v.trim().toUpperCase();
        if (OUTWARD.test(outward)) return outward;
        ctx.addIssue({
          code: 'custom',
          message: 'Enter a postcode, like LS11 5AB, or the first part, like LS11',
        });
        return z.NEVER;
      })
      .optional(),
  ),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const hasCriteria = (q: SearchQuery) =>
  [q.name, q.dob, q.nhsNumber, q.postcode].some((v) => v !== undefined && v !== '');
