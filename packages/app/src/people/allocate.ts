/**
 * Allocating or transferring a child: managers only; a team, optionally a worker in that team,
 * and the reason. The current allocation ends and the new one starts (allocateTo), audited in the
 * same transaction; the history shows on the journey as allocation events.
 */
import { z } from 'zod';
import { ValidationError, AppError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import { text } from '../journey/fields.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { allocateTo } from './allocation.ts';
import { can } from '../access/capabilities.ts';
import type { Role } from '../access/roles.ts';

export const allocationInput = z
  .object({
    teamId: z.uuid({ error: 'Select the team' }),
    workerUserId: z.uuid({ error: 'Select a worker in the team' }).optional(),
    reason: text('the reason', 2_000),
  })
  .strict();

export interface AllocationChoices {
  opened: OpenedRecord;
  current: { teamId: string; teamName: string; workerName: string | null; since: Date } | null;
  history: {
    teamName: string;
    workerName: string | null;
    from: Date;
    to: Date | null;
    reason: string | null;
  }[];
  teams: { id: string; name: string; workers: { id: string; name: string }[] }[];
}

function refuseUnlessManager(roles: readonly Role[]): void {
  if (!can(roles, 'allocate'))
    throw new AppError('forbidden', 'Only team and service managers can allocate work');
}

/** The child's allocation now and before, and the teams and workers to choose from. @throws NotFoundError; AppError forbidden */
export async function allocationChoices(
  records: PersonRecords,
  personId: string,
): Promise<AllocationChoices> {
  return records.withRecord(personId, 'edit', 'record.view', async (tx, opened, ctx) => {
    refuseUnlessManager(ctx.actor.roles);
    const allocations = await tx
      .selectFrom('allocations as a')
      .innerJoin('teams as t', 't.id', 'a.team_id')
      .leftJoin('users as u', 'u.id', 'a.worker_user_id')
      .select([
        'a.team_id',
        't.name as teamName',
        'u.name as workerName',
        'a.started_at',
        'a.ended_at',
        'a.reason',
      ])
      .where('a.person_id', '=', personId)
      .orderBy('a.started_at', 'desc')
      .execute();
    const teams = await tx
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('la_code', '=', ctx.actor.laCode)
      .where('active', '=', true)
      .where('organisation_id', '=', ctx.actor.organisationId)
      .orderBy('name')
      .execute();
    const members =
      teams.length === 0
        ? []
        : await tx
            .selectFrom('team_memberships as m')
            .innerJoin('users as u', 'u.id', 'm.user_id')
            .select(['m.team_id', 'u.id', 'u.name'])
            .where('m.ended_at', 'is', null)
            .where('u.active', '=', true)
            .where(
              'm.team_id',
              'in',
              teams.map((t) => t.id),
            )
            .orderBy('u.name')
            .execute();
    const open = allocations.find((a) => a.ended_at === null);
    return {
      opened,
      current:
        open === undefined
          ? null
          : {
              teamId: open.team_id,
              teamName: open.teamName,
              workerName: open.workerName,
              since: open.started_at,
            },
      history: allocations.map((a) => ({
        teamName: a.teamName,
        workerName: a.workerName,
        from: a.started_at,
        to: a.ended_at,
        reason: a.reason,
      })),
      teams: teams.map((t) => ({
        ...t,
        workers: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, name: m.name })),
      })),
    };
  });
}

/** Allocates (or transfers) the child. @throws ValidationError naming the field; NotFoundError; AppError forbidden */
export async function allocateChild(records: PersonRecords, personId: string, input: unknown): Promise<void> {
  const a = parseInput(allocationInput, input);
  await records.withRecord(
    personId,
    'edit',
    'record.update',
    async (tx, _opened, ctx) => {
      refuseUnlessManager(ctx.actor.roles);
      const team = await tx
        .selectFrom('teams')
        .select(['id', 'name'])
        .where('id', '=', a.teamId)
        .where('la_code', '=', ctx.actor.laCode)
        .where('active', '=', true)
        .executeTakeFirst();
      if (team === undefined) throw new ValidationError([{ field: 'teamId', message: 'Select the team' }]);
      if (a.workerUserId !== undefined) {
        const member = await tx
          .selectFrom('team_memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('u.id')
          .where('m.team_id', '=', a.teamId)
          .where('m.user_id', '=', a.workerUserId)
          .where('m.ended_at', 'is', null)
          .where('u.active', '=', true)
          .executeTakeFirst();
        if (member === undefined)
          throw new ValidationError([{ field: 'workerUserId', message: `Select a worker in ${team.name}` }]);
      }
      const id = await allocateTo({ tx, laCode: ctx.actor.laCode }, personId, {
        teamId: a.teamId,
        workerUserId: a.workerUserId ?? null,
        reason: a.reason,
      });
      await records.audit(tx, 'record.update', 'success', personId, `allocation ${id}: ${a.reason}`);
    },
    { auditSuccess: false },
  );
}
