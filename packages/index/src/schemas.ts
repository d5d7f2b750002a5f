/**
 * One zod schema per input, shared by the in-process client and the HTTP API (which also turns
 * them into its OpenAPI document). Every string refuses NUL bytes and is bounded; dates are real
 * calendar dates between 1900 and 2100.
 */
import { z } from 'zod';
import { INDEX_REASONS, IndexInputError } from './types.ts';

const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL byte');
const optionalText = (max: number) => text(max).nullable();

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    if (y < 1900 || y > 2100) return false;
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'must be a real date between 1900 and 2100');

export const organisationId = text(100);
export const ref = text(200);
export const version = z.number().int().min(0).max(2_147_483_647);

export const contactSchema = z.object({ name: text(200), phone: text(50), email: text(320) });

export const publisherSchema = z.object({
  organisationId,
  organisationName: text(300),
  kind: text(100),
  laCode: optionalText(20),
});

export const callerSchema = z.object({
  userId: text(200),
  name: text(200),
  email: text(320),
  phone: optionalText(50),
  organisationId,
  organisationName: text(300),
  laCode: optionalText(20),
});

/** An encoding line: bounded here, checked by `@waypoint/pprl`'s parser in the service. */
export const encodingJson = text(20_000);

export const publicationSchema = z
  .object({
    publisher: publisherSchema,
    ref,
    version,
    encoding: encodingJson,
    service: text(200),
    role: text(200),
    contact: contactSchema,
    since: isoDate,
    until: isoDate.nullable(),
    shielded: z.boolean(),
  })
  .refine((p) => p.until === null || p.until >= p.since, {
    message: 'until must not be before since',
    path: ['until'],
  });

export const withdrawalSchema = z.object({ organisationId, ref, version });

export const reasonSchema = z.enum(INDEX_REASONS);

export const lookupSchema = z.object({
  encoding: encodingJson,
  caller: callerSchema,
  reason: reasonSchema,
  reasonText: optionalText(2000),
  excludeRefs: z.array(z.object({ organisationId, ref })).max(100).optional(),
});

export const noticesQuerySchema = z.object({
  organisationId,
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a notice id')
    .nullable(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const lookupsOnQuerySchema = z
  .object({ organisationId, from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { message: 'to must not be before from', path: ['to'] });

/** Parse `value` with `schema`, or throw an IndexInputError naming the first problem. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.length > 0 ? issue.path.join('.') + ': ' : '';
  throw new IndexInputError(`${what}: ${path}${issue.message}`);
}
