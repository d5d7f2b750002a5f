/**
 * A person's identity and characteristics, as one schema (page and API), and the writers that put
 * a person, an address or a family relationship on the record inside a tenant transaction. They do
 * no access checks themselves: callers are the caller-bound repository and the seed generator.
 */
import { isValidNhsNumber, normaliseNhsNumber, normalisePostcode, upnProblem } from '@waypoint/identifiers';
import { z } from 'zod';
import { relationshipTypes } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { disabilities, ethnicities } from '../journey/codes.ts';
import {
  birthDate,
  CHILD_MAX_YEARS,
  expectedBirthDateAsOf,
  isChildAge,
  lifeDate,
  type DateRules,
} from '../http/forms/dates.ts';
import { code, optionalText, text } from '../journey/fields.ts';

export const nhsNumber = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const n = normaliseNhsNumber(v);
    if (n === null || !isValidNhsNumber(n)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real NHS number: 10 digits, like 485 777 3456' });
      return z.NEVER;
    }
    return n;
  });

export const upn = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = upnProblem(v);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `Enter a real UPN: ${problem}` });
  });

export const postcode = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const p = normalisePostcode(v);
    if (p === null) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real UK postcode, like AA1 1AA' });
      return z.NEVER;
    }
    return p;
  });

/**
 * A person's identity, with the expected date of birth judged against `asOf` instead of today:
 * `personInput` is this as of today; the data import judges a census's unborn children against
 * its reference date.
 */
export const personInputAsOf = (asOf?: DateRules['asOf']) =>
  z
    .object({
      kind: z.enum(['child', 'adult', 'unborn'], {
        error: 'Select whether this is a child, an unborn child or an adult',
      }),
      givenName: text('the given name', 200),
      familyName: text('the family name', 200),
      dateOfBirth: birthDate.optional(),
      expectedDateOfBirth: expectedBirthDateAsOf(asOf).optional(),
      sex: z.enum(['female', 'male', 'unknown'], { error: 'Select the sex' }).optional(),
      nhsNumber: nhsNumber.optional(),
      upn: upn.optional(),
      ethnicity: code(ethnicities, 'Select the ethnicity').optional(),
      disabilities: z.array(code(disabilities, 'Select disabilities from the list')).default([]),
      firstLanguage: optionalText(100, 'the first language'),
      interpreterNeeded: z
        .enum(['yes', 'no'], { error: 'Select whether an interpreter is needed' })
        .optional(),
    })
    .strict()
    // Checked even when other answers are wrong (`when`), so every problem is named at once: the
    // values may then be unparsed, so each is looked at for what it is.
    .superRefine(
      (p, ctx) => {
        if (typeof p !== 'object' || p === null) return;
        const dob = typeof p.dateOfBirth === 'string' ? p.dateOfBirth : undefined;
        if (p.kind === 'unborn' && p.expectedDateOfBirth === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['expectedDateOfBirth'],
            message: 'Enter the expected date of birth',
          });
        if (p.kind === 'child' && p.dateOfBirth === undefined)
          ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth' });
        if (p.kind === 'child' && dob !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(dob) && !isChildAge(dob))
          ctx.addIssue({
            code: 'custom',
            path: ['dateOfBirth'],
            message: `A child’s date of birth must be within the last ${CHILD_MAX_YEARS + 1} years. For someone older, choose “An adult”`,
          });
        const d = Array.isArray(p.disabilities) ? p.disabilities : [];
        if (d.includes('NONE') && d.length > 1)
          ctx.addIssue({
            code: 'custom',
            path: ['disabilities'],
            message: '“No disability” cannot be selected with a disability',
          });
      },
      { when: () => true },
    );
export const personInput = personInputAsOf();
export type PersonInput = z.infer<typeof personInput>;

export const addressInput = z
  .object({
    line1: text('the first line of the address', 200),
    line2: optionalText(200),
    town: optionalText(100),
    postcode,
    startedOn: lifeDate('the date they moved in'),
    isRestricted: z.boolean().default(false),
  })
  .strict();
export type AddressInput = z.infer<typeof addressInput>;

export const relationshipInput = z
  .object({
    relatedPersonId: z.uuid({ error: 'Select the family member' }),
    type: z.enum(relationshipTypes, { error: 'Select how they are related' }),
    parentalResponsibility: z.boolean().default(false),
    livesWith: z.boolean().default(false),
    startedOn: lifeDate('the date the relationship started').optional(),
  })
  .strict();
export type RelationshipInput = z.infer<typeof relationshipInput>;

interface Writer {
  tx: Tx;
  laCode: string;
  userId: string;
}

/** The `people` columns a person's identity input sets: shared by creating and editing. */
export function personColumns(p: PersonInput) {
  return {
    kind: p.kind,
    given_name: p.givenName,
    family_name: p.familyName,
    date_of_birth: p.kind === 'unborn' ? null : (p.dateOfBirth ?? null),
    expected_date_of_birth: p.kind === 'unborn' ? (p.expectedDateOfBirth ?? null) : null,
    sex: p.sex ?? null,
    nhs_number: p.nhsNumber ?? null,
    upn: p.upn ?? null,
    ethnicity: p.ethnicity ?? null,
    disabilities: p.disabilities,
    first_language: p.firstLanguage ?? null,
    interpreter_needed: p.interpreterNeeded === undefined ? null : p.interpreterNeeded === 'yes',
  };
}

export async function insertPerson(
  w: Writer,
  p: PersonInput,
  opts: { id?: string; laChildId?: string } = {},
): Promise<string> {
  const row = await w.tx
    .insertInto('people')
    .values({
      ...(opts.id !== undefined ? { id: opts.id } : {}),
      la_code: w.laCode,
      ...personColumns(p),
      // The LA child ID another system gave the child (a census import keeps it, so the returns do).
      ...(opts.laChildId !== undefined ? { la_child_id: opts.laChildId } : {}),
      created_by: w.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds an address; the previous current address ends the day before. */
export async function insertAddress(w: Writer, personId: string, a: AddressInput): Promise<string> {
  await w.tx
    .updateTable('addresses')
    .set({ ended_on: a.startedOn })
    .where('person_id', '=', personId)
    .where('ended_on', 'is', null)
    .where('started_on', '<', a.startedOn)
    .execute();
  const row = await w.tx
    .insertInto('addresses')
    .values({
      la_code: w.laCode,
      person_id: personId,
      line1: a.line1,
      line2: a.line2 ?? null,
      town: a.town ?? null,
      postcode: a.postcode,
      started_on: a.startedOn,
      is_restricted: a.isRestricted,
      recorded_by: w.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records that `relatedPersonId` is the person's `type` (their mother, their sibling...). */
export async function insertRelationship(w: Writer, personId: string, r: RelationshipInput): Promise<string> {
  const row = await w.tx
    .insertInto('person_relationships')
    .values({
      la_code: w.laCode,
      person_id: personId,
      related_person_id: r.relatedPersonId,
      type: r.type,
      parental_responsibility: r.parentalResponsibility,
      lives_with: r.livesWith,
      started_on: r.startedOn ?? null,
      recorded_by: w.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
