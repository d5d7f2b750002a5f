/** The user details form: one zod schema, and what the template needs to render it. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleLabels, roles } from '../../../access/roles.ts';
import { organisationsIn, teamsIn } from '../../../auth/admin/directory.ts';
import type { Schema } from '../../../db/schema.ts';

export const userDetailsForm = z.object({
  name: z
    .string({ error: 'Enter the full name' })
    .trim()
    .min(1, 'Enter the full name')
    .max(200, 'Name must be 200 characters or fewer'),
  organisationId: z.uuid({ error: 'Select an organisation' }),
  roles: z.preprocess(
    (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z.array(z.enum(roles, { error: 'Select roles from the list' })).min(1, 'Select at least one role'),
  ),
  teamId: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(z.uuid({ error: 'Select a team' }).nullable()),
});

export const newUserForm = userDetailsForm.extend({
  email: z
    .email({ error: 'Enter an email address in the correct format, like name@example.gov.uk' })
    .max(320),
});

export const editUserForm = userDetailsForm.extend({
  version: z.coerce.number().int().min(1),
});

/** Choices for the organisation, team and role fields. */
export async function formChoices(db: Kysely<Schema>, laCode: string) {
  const [organisations, teams] = await Promise.all([organisationsIn(db, laCode), teamsIn(db, laCode, true)]);
  return {
    organisations,
    teams,
    roleChoices: roles.map((r) => ({ value: r, text: roleLabels[r] })),
  };
}
