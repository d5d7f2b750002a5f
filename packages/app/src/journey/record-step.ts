/**
 * Recording a step of a child's journey: parse the input with the step's schema, then, in one
 * tenant transaction through the caller-bound repository, check access, read the journey state,
 * apply the rules between steps, write, and audit. Nothing is saved unless all of it succeeds.
 */
import type { Abilities } from '../access/policy.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { loadJourneyState, type JourneyState } from './state.ts';
import type { Step } from './step.ts';
import { findStep } from './steps/index.ts';

export function stepOrNotFound(kind: string): Step {
  const step = findStep(kind);
  if (step === undefined) throw new NotFoundError(`no journey step ${kind}`);
  return step;
}

/** @throws ValidationError naming each field; NotFoundError for an unknown step or a record the caller may not change */
export async function recordStep(
  records: PersonRecords,
  personId: string,
  kind: string,
  input: unknown,
): Promise<{ id: string; table: string }> {
  const step = stepOrNotFound(kind);
  const parsed = step.schema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        field: i.path.length > 0 ? i.path.map(String).join('.') : 'body',
        message: i.message,
      })),
    );
  }
  return records.withRecord(
    personId,
    step.need,
    'record.create',
    async (tx, _opened, ctx) => {
      const state = await loadJourneyState(tx, personId);
      const saved = await step.save(
        { tx, laCode: ctx.actor.laCode, userId: ctx.actor.userId, personId, state },
        parsed.data,
      );
      await records.audit(
        tx,
        'record.create',
        'success',
        personId,
        `${step.kind} ${saved.table} ${saved.id}`,
      );
      return saved;
    },
    { auditSuccess: false },
  );
}

/** Opens the record to show a step's form: the person, the caller's abilities and the journey state. */
export async function openForStep(
  records: PersonRecords,
  personId: string,
  kind: string,
): Promise<{ step: Step; opened: OpenedRecord; state: JourneyState }> {
  const step = stepOrNotFound(kind);
  return records.withRecord(personId, step.need, 'record.view', async (tx, opened) => ({
    step,
    opened,
    state: await loadJourneyState(tx, personId),
  }));
}

/** The steps the caller may take now, for the "record the next thing" links. */
export function offeredSteps(steps: readonly Step[], state: JourneyState, abilities: Abilities): Step[] {
  return steps.filter((s) => abilities[s.need] && s.offered(state));
}
