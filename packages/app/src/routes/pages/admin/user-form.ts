/** The user details form: one zod schema, and what the template needs to render it. */
import { z } from 'zod';
import { roleLabels, roles } from '../../../access/roles.ts';
import { versionRule } from '../../../http/forms/numbers.ts';
import { organisationsIn, teamsIn } from '../../../auth/admin/directory.ts';

const datePart = z.string().trim().max(4).optional();

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
  'accessEnds-day': datePart,
  'accessEnds-month': datePart,
  'accessEnds-year': datePart,
});

type DetailsFields = z.infer<typeof userDetailsForm>;

/** The date an account's access ends (end of that day), from the three date fields; null when all are empty. */
export function accessEndsFrom(v: DetailsFields): Date | null | 'invalid' {
  const [d, m, y] = [v['accessEnds-day'], v['accessEnds-month'], v['accessEnds-year']].map((x) => x ?? '');
  if (d === '' && m === '' && y === '') return null;
  if (![d, m, y].every((x) => /^\d+$/.test(x!)) || y!.length !== 4) return 'invalid';
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 23, 59, 59));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return 'invalid';
  return date;
}

/** Checks the access end date: a real date in the future, required for inspectors (time-limited accounts). */
function checkAccessEnds(v: DetailsFields, ctx: z.RefinementCtx): void {
  const ends = accessEndsFrom(v);
  const path = ['accessEnds-day'];
  if (ends === 'invalid')
    ctx.addIssue({ code: 'custom', path, message: 'Access ends must be a real date, like 31 3 2027' });
  else if (ends === null && v.roles.includes('inspector'))
    ctx.addIssue({ code: 'custom', path, message: 'Enter the date an inspector’s access ends' });
  else if (ends !== null && ends.getTime() < Date.now())
    ctx.addIssue({ code: 'custom', path, message: 'Access ends must be today or in the future' });
}

/** The details the domain functions take. */
function toDetails<T extends DetailsFields>(v: T) {
  const ends = accessEndsFrom(v);
  return { ...v, accessEndsAt: ends instanceof Date ? ends : null };
}

export const newUserForm = userDetailsForm
  .extend({
    email: z
      .email({ error: 'Enter an email address in the correct format, like name@example.gov.uk' })
      .max(320),
  })
  .superRefine(checkAccessEnds)
  .transform(toDetails);

export const editUserForm = userDetailsForm
  .extend({ version: versionRule() })
  .superRefine(checkAccessEnds)
  .transform(toDetails);

/** The three date fields for a stored access end date. */
export function accessEndsFields(d: Date | null): Record<string, string> {
  if (d === null) return {};
  return {
    'accessEnds-day': String(d.getUTCDate()),
    'accessEnds-month': String(d.getUTCMonth() + 1),
    'accessEnds-year': String(d.getUTCFullYear()),
  };
}

/** Choices for the organisation, team and role fields. */
export async function formChoices(db: Parameters<typeof organisationsIn>[0], laCode: string) {
  const [organisations, teams] = await Promise.all([organisationsIn(db, laCode), teamsIn(db, laCode, true)]);
  return {
    organisations,
    teams,
    roleChoices: roles.map((r) => ({ value: r, text: roleLabels[r] })),
  };
}
