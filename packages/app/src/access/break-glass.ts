/**
 * Emergency ("break glass") access: a worker with no relationship to a child gives a reason and
 * gets read access for a short time. The grant is audited, and a job to notify the child's team
 * manager and the LA's principal social workers is enqueued, in the same transaction.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { ValidationError } from '../http/errors.ts';
import { safeParseInput } from '../http/forms/issues.ts';
import { enqueue } from '../jobs/index.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { BREAK_GLASS_NOTIFY } from './break-glass-notify.ts';
import type { AccessContext } from './access-context.ts';
import { abilitiesFor, BREAK_GLASS_MINUTES } from './policy.ts';

export const breakGlassInput = z.object({
  reason: z
    .string()
    .trim()
    .min(10, 'Enter why you need emergency access, in at least 10 characters')
    .max(1000, 'Reason must be 1,000 characters or fewer'),
});
export type BreakGlassInput = z.infer<typeof breakGlassInput>;

/**
 * The person, for the break-glass form, if the caller may ask emergency access to them. Showing the
 * form grants nothing, so only a refusal is audited. @throws NotFoundError
 */
export function openBreakGlassForm(records: PersonRecords, personId: string): Promise<OpenedRecord> {
  return records.withRecord(personId, 'break_glass', 'break_glass.grant', async (_tx, opened) => opened, {
    auditSuccess: false,
  });
}

/** @throws NotFoundError when the caller may not break glass on this person; ValidationError for a bad reason */
export async function grantBreakGlass(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ expiresAt: Date }> {
  const parsed = safeParseInput(breakGlassInput, input);
  const outcome = await records.withRecord(
    personId,
    'break_glass',
    'break_glass.grant',
    async (tx, _opened, ctx) => {
      if (!parsed.ok) return 'invalid' as const;
      const actor = ctx.actor;
      const expiresAt = new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000);
      const grant = await tx
        .insertInto('break_glass_grants')
        .values({
          la_code: actor.laCode,
          user_id: actor.userId,
          person_id: personId,
          reason: parsed.data.reason,
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await records.audit(tx, 'break_glass.grant', 'success', personId, parsed.data.reason);
      // Who is told, and the words, are the job's (`break-glass-notify.ts`), run after commit.
      await enqueue(tx, BREAK_GLASS_NOTIFY, { grantId: grant.id });
      return { expiresAt };
    },
    { auditSuccess: false },
  );
  if (outcome === 'invalid') throw new ValidationError(parsed.ok ? [] : parsed.errors);
  return outcome;
}

/**
 * When the caller sees this record only through emergency access: when that access ends (their
 * latest grant). Null when they have no grant, or another relationship lets them see it anyway.
 */
export async function emergencyAccessEnds(
  tx: Tx,
  ctx: AccessContext,
  opened: OpenedRecord,
): Promise<Date | null> {
  if (!opened.relationships.includes('break_glass')) return null;
  const others = new Set(opened.relationships.filter((r) => r !== 'break_glass'));
  if (abilitiesFor(ctx.actor.roles, others).view) return null;
  const row = await tx
    .selectFrom('break_glass_grants')
    .select(sql<Date | string | null>`max(expires_at)`.as('ends'))
    .where('person_id', '=', opened.person.id)
    .where('user_id', '=', ctx.actor.userId)
    .where(sql<boolean>`expires_at > now()`)
    .executeTakeFirst();
  return row?.ends == null ? null : new Date(row.ends);
}
