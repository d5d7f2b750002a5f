/**
 * Contact details for feedback: an email address and a mobile number recorded on a person, with
 * their consent to be contacted. Never on a restricted record (a message could reveal where the
 * person is, or that a service is involved): the form says so and the server refuses. Read and
 * written through the caller-bound repository, audited; edits use optimistic locking.
 */
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { ConflictError, ValidationError } from '../http/errors.ts';
import { today } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { canonicalEmail, canonicalMobile } from '../messaging/index.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';

export interface ContactDetails {
  email: string | null;
  mobile: string | null;
  consentToContact: boolean;
  consentRecordedOn: string | null;
  /** 0 when none are recorded yet. */
  version: number;
}

export const RESTRICTED_REASON =
  'This is a restricted record, so contact details for feedback cannot be recorded on it: a message could reveal where the person is or that children’s services are involved.';

const none: ContactDetails = {
  email: null,
  mobile: null,
  consentToContact: false,
  consentRecordedOn: null,
  version: 0,
};

/** The person's contact details in `tx` (the caller has already opened the record). */
export async function contactDetailsIn(tx: Tx, personId: string): Promise<ContactDetails> {
  const row = await tx
    .selectFrom('contact_details')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (row === undefined) return none;
  return {
    email: row.email,
    mobile: row.mobile,
    consentToContact: row.consent_to_contact,
    consentRecordedOn: row.consent_recorded_on,
    version: row.version,
  };
}

/** Opens the person for the contact details form (audited as a view). @throws NotFoundError */
export async function readContactDetails(
  records: PersonRecords,
  personId: string,
): Promise<{ opened: OpenedRecord; details: ContactDetails }> {
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened) => ({
    opened,
    details: await contactDetailsIn(tx, opened.person.id),
  }));
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const contactDetailsInput = z
  .object({
    email: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v, ctx) => {
          const email = canonicalEmail(v);
          if (email === undefined)
            ctx.addIssue({
              code: 'custom',
              message: 'Enter an email address in the right format, like name@example.com',
            });
          return email ?? '';
        })
        .optional(),
    ),
    mobile: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v, ctx) => {
          const mobile = canonicalMobile(v);
          if (mobile === undefined)
            ctx.addIssue({ code: 'custom', message: 'Enter a UK mobile number, like 07700 900 982' });
          return mobile ?? '';
        })
        .optional(),
    ),
    consent: z.enum(['yes', 'no'], { error: 'Select whether they agree to be contacted for feedback' }),
    version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(0).max(2_147_483_647),
  })
  .superRefine((v, ctx) => {
    if (v.consent === 'yes' && v.email === undefined && v.mobile === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message:
          'Enter an email address or a mobile number, or select that they do not agree to be contacted',
      });
  });

/**
 * Records the person's contact details and consent (audited as a record update).
 * @throws ValidationError for bad input or a restricted record; ConflictError when someone else
 *   saved since `version` was read; NotFoundError
 */
export async function updateContactDetails(
  records: PersonRecords,
  actorId: string,
  personId: string,
  body: unknown,
): Promise<void> {
  const input = parseInput(contactDetailsInput, body);
  await records.withRecord(personId, 'edit', 'record.update', async (tx, opened) => {
    if (opened.person.is_restricted)
      throw new ValidationError([{ field: 'email', message: RESTRICTED_REASON }]);
    const id = opened.person.id;
    const values = {
      email: input.email ?? null,
      mobile: input.mobile ?? null,
      consent_to_contact: input.consent === 'yes',
      consent_recorded_on: input.consent === 'yes' ? today() : null,
      updated_by: actorId,
      updated_at: new Date(),
    };
    const saved =
      input.version === 0
        ? await tx
            .insertInto('contact_details')
            .values({ person_id: id, la_code: opened.person.la_code, ...values })
            .onConflict((oc) => oc.column('person_id').doNothing())
            .returning('version')
            .executeTakeFirst()
        : await tx
            .updateTable('contact_details')
            .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
            .where('person_id', '=', id)
            .where('version', '=', input.version)
            .returning('version')
            .executeTakeFirst();
    if (saved === undefined)
      throw new ConflictError('Someone else changed these contact details after you opened them', {
        current: await contactDetailsIn(tx, id),
      });
  });
}
