/**
 * The sending LA asks another LA to take over a child who has moved there (transfer-out): in one
 * tenant transaction through the caller-bound repository, checked (the caller may `edit` the
 * record and has `transfer_children`; the receiving LA is another LA of this installation; the
 * child is not looked after; no other transfer of the child is waiting), the package built and
 * sealed, the transfer written and audited. A child on a child protection plan gets a timescale on
 * their record: the transfer-in conference the receiving LA holds within 15 working days, where
 * the sending LA's plan ends (transfer/README.md).
 */
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import { AppError, ValidationError } from '../http/errors.ts';
import { today } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { text } from '../journey/fields.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { buildPackage, sealPackage } from './package.ts';
import { isUniqueViolation } from './unique.ts';
import { transferInConferenceDue } from './working-days.ts';

export const transferRequestInput = z
  .object({
    receivingLaCode: z
      .string({ error: 'Select the local authority the child has moved to' })
      .trim()
      .regex(/^[0-9]{3}$/, 'Select the local authority the child has moved to'),
    reason: text('why the child is moving to this local authority', 2_000),
  })
  .strict();
export type TransferRequestInput = z.infer<typeof transferRequestInput>;

const laError = (message: string) => new ValidationError([{ field: 'receivingLaCode', message }]);

/**
 * @throws ValidationError naming each bad field (or a transfer already waiting); NotFoundError for a
 * record the caller may not change; AppError forbidden without `transfer_children`
 * @example await requestTransfer(records, childId, { receivingLaCode: '991', reason: 'Moved with her mother' })
 */
export async function requestTransfer(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ id: string }> {
  if (!can(records.actor.roles, 'transfer_children'))
    throw new AppError('forbidden', 'You cannot transfer children to another local authority');
  const i = parseInput(transferRequestInput, input);
  return records.withRecord(
    personId,
    'edit',
    'transfer.request',
    async (tx, opened, ctx) => {
      const la = ctx.actor.laCode;
      if (i.receivingLaCode === la) throw laError('Select another local authority: the child is in yours');
      const known = await tx
        .selectFrom('local_authorities')
        .select('name')
        .where('la_code', '=', i.receivingLaCode)
        .executeTakeFirst();
      if (known === undefined) throw laError('Select a local authority from the list');
      if (opened.person.kind === 'adult')
        throw laError('Only a child can be transferred to another local authority');
      const open = await tx
        .selectFrom('care_episodes')
        .select('id')
        .where('person_id', '=', personId)
        .where('ended_on', 'is', null)
        .executeTakeFirst();
      if (open !== undefined)
        throw laError(
          'A looked-after child stays in the care of this local authority when they move: end the period of care first',
        );
      const on = today();
      const pkg = await buildPackage(tx, personId, la, on);
      const waiting = await tx
        .selectFrom('transfers')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      if (waiting !== undefined)
        throw laError('A transfer of this child is already waiting for the other local authority');
      const sealed = sealPackage(pkg);
      let id: string;
      try {
        const row = await tx
          .insertInto('transfers')
          .values({
            la_code: la,
            receiving_la_code: i.receivingLaCode,
            person_id: personId,
            reason: i.reason,
            requested_by: ctx.actor.userId,
            package: sealed.text,
            package_sha256: sealed.sha256,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      } catch (e) {
        if (isUniqueViolation(e))
          throw laError('A transfer of this child is already waiting for the other local authority');
        throw e;
      }
      if (pkg.plans.some((p) => p.kind === 'cp'))
        await tx
          .insertInto('timescales')
          .values({
            la_code: la,
            person_id: personId,
            subject: `Transfer-in child protection conference in ${known.name}`,
            due_on: transferInConferenceDue(on),
            reason:
              'The child has moved on a child protection plan: the receiving local authority holds a transfer-in conference within 15 working days (Working Together 2023), where this plan ends',
            set_by: ctx.actor.userId,
          })
          .execute();
      await records.audit(
        tx,
        'transfer.request',
        'success',
        personId,
        `transfer ${id} to ${i.receivingLaCode}`,
      );
      return { id };
    },
    { auditSuccess: false },
  );
}
