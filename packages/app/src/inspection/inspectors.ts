/**
 * The inspection's inspectors, and the LA adding one: an inspector's existing account (by email)
 * is named on the inspection and made to end with it; otherwise a time-limited account is created
 * for them in the inspectorate that works in the area, ending with the inspection, with a
 * temporary password shown once to the LA. Audited (`inspection.update`, and the account's own events).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inspectoratesIn } from '../auth/admin/directory.ts';
import { accountByEmail, extendAccessTo } from '../auth/admin/time-limited-access.ts';
import { createUser } from '../auth/admin/user-create.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Schema } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import type { Field } from '../http/forms/form.ts';
import { parseInput } from '../http/forms/issues.ts';
import { ValidationError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openForLa } from './access.ts';

export const inspectorInput = z.object({
  name: z
    .string({ error: 'Enter the inspector’s full name' })
    .trim()
    .min(1, 'Enter the inspector’s full name')
    .max(200, 'Full name must be 200 characters or fewer'),
  email: z
    .string({ error: 'Enter the inspector’s email address' })
    .trim()
    .toLowerCase()
    .pipe(z.email('Enter an email address in the correct format, like name@example.com').max(254)),
});

export const inspectorFields: readonly Field[] = [
  { kind: 'text', name: 'name', label: 'Full name' },
  {
    kind: 'text',
    name: 'email',
    label: 'Email address',
    hint: 'An inspector who already has an account is added with it',
  },
];

export interface InspectorRow {
  userId: string;
  name: string;
  email: string;
  accessEndsAt: Date | null;
}

/** The inspection's inspectors, by name. */
export async function inspectorsOf(tx: Tx, inspectionId: string): Promise<InspectorRow[]> {
  const rows = await tx
    .selectFrom('inspection_inspectors as ii')
    .innerJoin('users as u', 'u.id', 'ii.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.access_ends_at'])
    .where('ii.inspection_id', '=', inspectionId)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, accessEndsAt: r.access_ends_at }));
}

export type AddedInspector =
  { created: false; userId: string } | { created: true; userId: string; temporaryPassword: string };

/**
 * Adds an inspector to the inspection (the LA only). @throws ValidationError; NotFoundError
 * @example await addInspector(db, records, inspectionId, { name: 'Ina Inspector', email: 'ina@inspectorate.example' })
 */
export async function addInspector(
  db: Kysely<Schema>,
  records: PersonRecords,
  inspectionId: string,
  body: unknown,
): Promise<AddedInspector> {
  const input = parseInput(inspectorInput, body);
  const actor = records.actor;
  const { inspection, existing } = await records.transaction(async (tx) => ({
    inspection: (await openForLa(tx, actor, inspectionId)).inspection,
    existing: await accountByEmail(tx, input.email),
  }));
  if (new Date(inspection.ends_at).getTime() <= Date.now())
    throw new ValidationError([
      { field: 'email', message: 'The inspection has ended: no one can be added to it' },
    ]);
  let created: AddedInspector;
  if (existing === null) {
    const orgs = await inspectoratesIn(db, actor.laCode);
    const org = orgs[0];
    if (org === undefined)
      throw new ValidationError([
        {
          field: 'email',
          message: 'No inspectorate works in this area: ask your system administrator to add one',
        },
      ]);
    const made = await createUser(
      db,
      actor,
      {
        name: input.name,
        email: input.email,
        organisationId: org.id,
        roles: ['inspector'],
        teamId: null,
        accessEndsAt: new Date(inspection.ends_at),
      },
      records.meta,
    );
    if (!made.ok) throw new ValidationError(made.errors);
    created = { created: true, userId: made.userId, temporaryPassword: made.temporaryPassword };
  } else {
    if (!existing.roles.includes('inspector') || !existing.active)
      throw new ValidationError([
        { field: 'email', message: 'This email address belongs to an account that is not an inspector’s' },
      ]);
    created = { created: false, userId: existing.id };
  }
  await records.transaction(async (tx, ctx) => {
    await openForLa(tx, actor, inspectionId);
    await tx
      .insertInto('inspection_inspectors')
      .values({
        inspection_id: inspection.id,
        user_id: created.userId,
        la_code: ctx.actor.laCode,
        added_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['inspection_id', 'user_id']).doNothing())
      .execute();
    if (!created.created)
      await extendAccessTo(
        tx,
        actor,
        records.meta,
        created.userId,
        new Date(inspection.ends_at),
        `inspection ${inspection.id}`,
      );
    await recordAudit(tx, actor, records.meta, {
      action: 'inspection.update',
      outcome: 'success',
      recordType: 'inspection',
      recordId: inspection.id,
      reason: `inspector added: ${created.userId}`,
    });
  });
  return created;
}
