/** The input of publishReview, one zod schema (types inferred from it). */
import { z } from 'zod';
import { ageBands, codes, regions, reviewTypes, themes } from './vocabulary.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\0'));

export const publishReviewInput = z.object({
  sourceReviewId: z.uuid().transform((s) => s.toLowerCase()),
  title: text(300),
  partnership: text(200),
  region: z.enum(codes(regions)),
  localAuthority: text(200),
  publishedOn: z.iso.date(),
  reviewType: z.enum(codes(reviewTypes)),
  ageBand: z.enum(codes(ageBands)),
  themes: z
    .array(z.enum(codes(themes)))
    .min(1)
    .max(themes.length),
  summary: text(10_000),
  sections: z
    .array(z.object({ heading: text(300), text: text(2_000_000) }))
    .min(1)
    .max(200),
  findings: z
    .array(
      z.object({
        text: text(5_000),
        factors: z.array(z.object({ code: text(60), label: text(200) })).max(20),
      }),
    )
    .max(100),
});
export type PublishReviewInput = z.input<typeof publishReviewInput>;
export type PublishReview = z.output<typeof publishReviewInput>;
