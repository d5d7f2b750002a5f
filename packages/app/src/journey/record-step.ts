/**
 * Recording a step of a child's journey (a visit is one): in one tenant transaction through the
 * caller-bound repository, check access, read the journey state, parse the input with the step's
 * schema (a posted page form is turned into that input here, since a goal's score boxes depend on
 * the plans in place), check the dates against the child's birth, apply the rules between steps,
 * write, and write one audit event. Nothing is saved unless all of it succeeds.
 */
import type { Abilities } from '../access/policy.ts';
import { enqueueDerive, planAndCareSteps } from '../cpis/jobs.ts';
import { enqueueLaServices } from '../involvement/la-services.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { eventDatesBeforeBirth, today } from '../http/forms/dates.ts';
import { formToInput, type FormBody } from '../http/forms/form.ts';
import { parseInput } from '../http/forms/issues.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { loadJourneyState, type JourneyState } from './state.ts';
import type { Step } from './step.ts';
import { findStep } from './steps/index.ts';

export function stepOrNotFound(kind: string): Step {
  const step = findStep(kind);
  if (step === undefined) throw new NotFoundError(`no journey step ${kind}`);
  return step;
}

/**
 * Refuses any of the step's event dates before the child's birth, where it is known (the form
 * kit's one rule, `eventDatesBeforeBirth`, over the step's schema: page and API alike; only the
 * data import passes `monthsBefore`, for pre-birth work).
 * @throws ValidationError naming each such date
 */
export function checkNotBeforeBirth(
  step: Step,
  input: Record<string, unknown>,
  person: { dateOfBirth: string | null; givenName: string },
  opts: { monthsBefore?: number } = {},
): void {
  const errors = eventDatesBeforeBirth(step.schema, input, person, opts);
  if (errors.length > 0) throw new ValidationError(errors);
}

/**
 * Records a step. `input` is the step's schema input (the API), or with `form: true` the posted
 * page form, turned into that input inside the transaction.
 * @throws ValidationError naming each field; NotFoundError for an unknown step or a record the caller may not change
 */
export async function recordStep(
  records: PersonRecords,
  personId: string,
  kind: string,
  input: unknown,
  opts: { form?: boolean } = {},
): Promise<{ id: string; table: string }> {
  const step = stepOrNotFound(kind);
  return records.withRecord(
    personId,
    step.need,
    'record.create',
    async (tx, opened, ctx) => {
      const state = await loadJourneyState(tx, personId);
      const fields = step.fields(state);
      const data = parseInput(
        step.schema,
        opts.form === true ? formToInput(fields, (input ?? {}) as FormBody) : input,
      ) as Record<string, unknown>;
      checkNotBeforeBirth(step, data, {
        dateOfBirth: opened.person.date_of_birth,
        givenName: opened.person.given_name,
      });
      const saved = await step.save(
        { tx, laCode: ctx.actor.laCode, userId: ctx.actor.userId, personId, state, today: today() },
        data,
      );
      await records.audit(
        tx,
        'record.create',
        'success',
        personId,
        `${step.kind} ${saved.table} ${saved.id}`,
      );
      // A plan or care started, changed or ended: CP-IS re-derives the child's flags after commit.
      if (planAndCareSteps.has(step.kind)) await enqueueDerive(tx, personId);
      // The LA's own involvement (early help, plans, care) is derived from the journey and published after commit.
      await enqueueLaServices(tx, personId, step.kind);
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
