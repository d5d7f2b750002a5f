/**
 * Emergency ("break glass") access: a worker with no relationship to a child gives a reason and
 * gets read access for a short time. The grant is audited, and the child's team manager(s) and the
 * LA's principal social worker(s) are notified, in the same transaction.
 */
import { z } from 'zod';
import { BREAK_GLASS_MINUTES } from '../access/policy.ts';
import { ValidationError } from '../http/errors.ts';
import { safeParseInput } from '../http/forms/issues.ts';
import type { OpenedRecord, PersonRecords } from './person-records.ts';

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
      await tx
        .insertInto('break_glass_grants')
        .values({
          la_code: actor.laCode,
          user_id: actor.userId,
          person_id: personId,
          reason: parsed.data.reason,
          expires_at: expiresAt,
        })
        .execute();
      await records.audit(tx, 'break_glass.grant', 'success', personId, parsed.data.reason);
      const recipients = await tx
        .selectFrom('users')
        .select('users.id')
        .where('users.active', '=', true)
        .where((eb) =>
          eb.or([
            // the allocated team's managers
            eb.exists(
              eb
                .selectFrom('team_memberships as tm')
                .innerJoin('allocations as a', 'a.team_id', 'tm.team_id')
                .select('tm.user_id')
                .whereRef('tm.user_id', '=', 'users.id')
                .where('tm.is_manager', '=', true)
                .where('tm.ended_at', 'is', null)
                .where('a.person_id', '=', personId)
                .where('a.ended_at', 'is', null),
            ),
            // the LA's principal social workers
            eb.and([
              eb('users.la_code', '=', actor.laCode),
              eb.exists(
                eb
                  .selectFrom('user_roles as r')
                  .select('r.user_id')
                  .whereRef('r.user_id', '=', 'users.id')
                  .where('r.role', '=', 'principal_social_worker'),
              ),
            ]),
          ]),
        )
        .execute();
      if (recipients.length > 0) {
        await tx
          .insertInto('notifications')
          .values(
            recipients.map((r) => ({
              la_code: actor.laCode,
              recipient_user_id: r.id,
              kind: 'break_glass',
              person_id: personId,
              // No child's details in the message: the link opens the record under the recipient's own access.
              message: `${actor.name} used emergency access to a child's record. Reason given: ${parsed.data.reason}`,
            })),
          )
          .execute();
      }
      return { expiresAt };
    },
    { auditSuccess: false },
  );
  if (outcome === 'invalid') throw new ValidationError(parsed.ok ? [] : parsed.errors);
  return outcome;
}
