/**
 * The public search's query string: one zod schema shared by the pages and the public API. Each
 * filter takes one value or many; a value outside its closed list is a field error, never a 5xx.
 */
import { z } from 'zod';
import type { ReviewFilters } from './search.ts';
import { ageBands, codes, regions, reviewTypes, themes } from './vocabulary.ts';

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z.array(item).max(30),
  );

export const reviewQuery = z.object({
  q: z.string().max(200, 'Enter 200 characters or fewer').optional(),
  year: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(1990, 'Enter a year from 1990').max(2100, 'Enter a real year').optional(),
  ),
  partnership: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
  region: many(z.enum(codes(regions), { message: 'Select a region from the list' })),
  ageBand: many(z.enum(codes(ageBands), { message: 'Select an age band from the list' })),
  reviewType: many(z.enum(codes(reviewTypes), { message: 'Select a review type from the list' })),
  theme: many(z.enum(codes(themes), { message: 'Select a theme from the list' })),
  page: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(1).max(10_000).default(1),
  ),
});
export type ReviewQuery = z.output<typeof reviewQuery>;

/** The filters of a parsed query. */
export const filtersOf = (q: ReviewQuery): ReviewFilters => ({
  q: q.q,
  year: q.year,
  partnership: q.partnership,
  region: q.region,
  ageBand: q.ageBand,
  reviewType: q.reviewType,
  theme: q.theme,
});
