/**
 * Reflective case supervision, recorded by a team manager with one of their team's workers: the
 * date, the children discussed, reflections, decisions and actions (each with who will do it).
 * Each child discussed is opened for `edit` through the caller-bound repository in the one
 * transaction, and the supervision is audited on each child's record; it then shows on the
 * child's supervision page and on the worker's own page.
 */
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Field } from '../http/forms/form.ts';
import { eventDate } from '../http/forms/dates.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import { text } from '../journey/fields.ts';
import type { PersonRecords } from '../records/person-records.ts';

export interface SupervisionChoices {
  workers: { id: string; name: string }[];
  /** The chosen worker's allocated children (names only for those the manager may open). */
  children: { id: string; name: string }[];
}

/** The supervision form's fields for these choices (rendered by the form kit). */
export function supervisionFields(choices: SupervisionChoices): Field[] {
  return [
    {
      kind: 'select',
      name: 'workerId',
      label: 'Worker',
      options: choices.workers.map((w) => [w.id, w.name] as const),
    },
    { kind: 'date', name: 'heldOn', label: 'Date of the supervision' },
    {
      kind: 'checkboxes',
      name: 'children',
      label: 'Children discussed',
      hint:
        choices.children.length === 0
          ? 'Choose the worker and continue to see their children'
          : 'Their allocated children',
      options: choices.children.map((c) => [c.id, c.name] as const),
    },
    { kind: 'textarea', name: 'reflections', label: 'Reflections', rows: 6 },
    { kind: 'textarea', name: 'decisions', label: 'Decisions', rows: 4 },
    {
      kind: 'textarea',
      name: 'actions',
      label: 'Actions, each with who will do it',
      hint: 'One a line, for example: Visit school to see Jo’s teacher – Sam, by Friday',
      rows: 4,
      optional: true,
    },
  ];
}

export const supervisionInput = z.object({
  workerId: z.uuid({ error: 'Select the worker' }),
  heldOn: eventDate('the date of the supervision'),
  children: z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((x) => x !== '') : v),
    z
      .array(z.uuid({ error: 'Select the children discussed' }), { error: 'Select the children discussed' })
      .min(1, 'Select the children discussed')
      .max(100),
  ),
  reflections: text('the reflections'),
  decisions: text('the decisions'),
  actions: z.string().trim().max(20_000).optional(),
});

function requireManager(actor: Actor) {
  if (!can(actor.roles, 'manage_team')) throw new NotFoundError('no manage_team capability');
}

/** The workers the manager supervises and, for the chosen one, their children. @throws NotFoundError */
export async function supervisionChoices(
  records: PersonRecords,
  actor: Actor,
  workerId: string | undefined,
): Promise<SupervisionChoices> {
  requireManager(actor);
  return records.transaction(async (tx, ctx) => {
    const workers = await tx
      .selectFrom('team_memberships as m')
      .innerJoin('team_memberships as mine', 'mine.team_id', 'm.team_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name'])
      .distinct()
      .where('mine.user_id', '=', actor.userId)
      .where('mine.is_manager', '=', true)
      .where('mine.ended_at', 'is', null)
      .where('m.ended_at', 'is', null)
      .where('m.user_id', '!=', actor.userId)
      .where('u.active', '=', true)
      .orderBy('u.name')
      .execute();
    const chosen = workers.find((w) => w.id === workerId);
    const children: { id: string; name: string }[] = [];
    if (chosen !== undefined) {
      const allocated = await tx
        .selectFrom('allocations')
        .select('person_id')
        .where('worker_user_id', '=', chosen.id)
        .where('ended_at', 'is', null)
        .limit(200)
        .execute();
      for (const a of allocated) {
        const opened = await records.loadIn(tx, ctx, a.person_id, 'edit');
        if (opened === null || opened.person.kind === 'adult') continue;
        children.push({
          id: opened.person.id,
          name: `${opened.person.given_name} ${opened.person.family_name}`,
        });
      }
      children.sort((a, b) => a.name.localeCompare(b.name));
    }
    return { workers, children };
  });
}

/**
 * Records a supervision. @throws ValidationError (bad input, a worker not in the manager's teams,
 *   or a child the manager may not record on); NotFoundError without manage_team
 */
export async function recordSupervision(
  records: PersonRecords,
  actor: Actor,
  body: unknown,
): Promise<string> {
  requireManager(actor);
  const input = parseInput(supervisionInput, body);
  const choices = await supervisionChoices(records, actor, input.workerId);
  if (!choices.workers.some((w) => w.id === input.workerId))
    throw new ValidationError([{ field: 'workerId', message: 'Select a worker in a team you manage' }]);
  return records.transaction(async (tx, ctx) => {
    const { id } = await tx
      .insertInto('supervisions')
      .values({
        la_code: actor.laCode,
        worker_user_id: input.workerId,
        manager_user_id: actor.userId,
        held_on: input.heldOn,
        reflections: input.reflections,
        decisions: input.decisions,
        actions: input.actions === undefined || input.actions === '' ? null : input.actions,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const childId of new Set(input.children)) {
      const opened = await records.loadIn(tx, ctx, childId, 'edit');
      if (opened === null)
        throw new ValidationError([{ field: 'children', message: 'Select the children discussed' }]);
      await tx
        .insertInto('supervision_children')
        .values({ supervision_id: id, person_id: opened.person.id, la_code: actor.laCode })
        .execute();
      await records.audit(tx, 'record.update', 'success', opened.person.id, 'supervision');
    }
    return id;
  });
}

export interface SupervisionView {
  id: string;
  heldOn: string;
  worker: string;
  manager: string;
  reflections: string;
  decisions: string;
  actions: string | null;
  children: string[];
}

/** Supervisions of a worker (their own page), newest first, with the children's names they may open. */
export async function supervisionsOfWorker(records: PersonRecords, actor: Actor): Promise<SupervisionView[]> {
  return records.transaction(async (tx, ctx) => {
    const rows = await tx
      .selectFrom('supervisions as s')
      .innerJoin('users as w', 'w.id', 's.worker_user_id')
      .innerJoin('users as m', 'm.id', 's.manager_user_id')
      .select([
        's.id',
        's.held_on',
        'w.name as worker',
        'm.name as manager',
        's.reflections',
        's.decisions',
        's.actions',
      ])
      .where((eb) =>
        eb.or([eb('s.worker_user_id', '=', actor.userId), eb('s.manager_user_id', '=', actor.userId)]),
      )
      .orderBy('s.held_on', 'desc')
      .limit(100)
      .execute();
    const out: SupervisionView[] = [];
    for (const r of rows) {
      const kids = await tx
        .selectFrom('supervision_children')
        .select('person_id')
        .where('supervision_id', '=', r.id)
        .execute();
      const names: string[] = [];
      for (const k of kids) {
        const opened = await records.loadIn(tx, ctx, k.person_id, 'view');
        names.push(
          opened === null
            ? 'A child you cannot open'
            : `${opened.person.given_name} ${opened.person.family_name}`,
        );
      }
      out.push({
        id: r.id,
        heldOn: r.held_on,
        worker: r.worker,
        manager: r.manager,
        reflections: r.reflections,
        decisions: r.decisions,
        actions: r.actions,
        children: names,
      });
    }
    return out;
  });
}

/** The supervisions a child was discussed in, for their record (audited as a view). @throws NotFoundError */
export async function supervisionsOfChild(records: PersonRecords, childId: string) {
  return records.withRecord(childId, 'view_case_notes', 'record.view', async (tx, opened) => {
    const rows = await tx
      .selectFrom('supervision_children as c')
      .innerJoin('supervisions as s', 's.id', 'c.supervision_id')
      .innerJoin('users as w', 'w.id', 's.worker_user_id')
      .innerJoin('users as m', 'm.id', 's.manager_user_id')
      .select([
        's.id',
        's.held_on',
        'w.name as worker',
        'm.name as manager',
        's.reflections',
        's.decisions',
        's.actions',
      ])
      .where('c.person_id', '=', opened.person.id)
      .orderBy('s.held_on', 'desc')
      .limit(100)
      .execute();
    return {
      opened,
      supervisions: rows.map((r) => ({
        id: r.id,
        heldOn: r.held_on,
        worker: r.worker,
        manager: r.manager,
        reflections: r.reflections,
        decisions: r.decisions,
        actions: r.actions,
        children: [],
      })),
    };
  });
}
