/**
 * A step in a child's journey: what it asks (one zod schema, shared by page and API), how the
 * form shows it, when it is offered, and how it is saved. Saving checks the rules between steps
 * against the journey state read in the same transaction, so a step either fits the journey and
 * is saved whole, or is refused with a message naming the field.
 */
import type { z } from 'zod';
import type { Abilities } from '../access/policy.ts';
import type { Tx } from '../db/tenant.ts';
import { ValidationError } from '../http/errors.ts';
import type { Field } from '../http/forms/form.ts';
import type { JourneyState } from './state.ts';

export interface StepContext {
  tx: Tx;
  laCode: string;
  userId: string;
  personId: string;
  state: JourneyState;
  /** The day the step is recorded on, YYYY-MM-DD: today, unless a writer of history (the seed) replays an earlier day. */
  today?: string;
  /**
   * Set only by the data import (`data-import/`): what a council's census or 903 records that a
   * worker recording today could not, taken as the file records it. Never set by a page or the API.
   */
  asImported?: AsImported;
}

/** The data import's tolerance for one step (see `data-import/README.md`). */
export interface AsImported {
  /**
   * The initial conference is in the file without its section 47 enquiry (the enquiry finished
   * before the census year, so the census does not carry it): held with no enquiry linked.
   */
  withoutEnquiry?: boolean;
  /** The child protection plan the conference decided starts on this day (the census's CPP start date), not the conference's. */
  planStartsOn?: string;
}

export type StepGroup =
  'front-door' | 'early-help' | 'assessment' | 'protection' | 'plans' | 'care' | 'visits' | 'notes';

export interface Step<S extends z.ZodType = z.ZodType> {
  /** The URL segment and API name: `/children/{id}/record/{kind}`. */
  kind: string;
  group: StepGroup;
  /** "Record a contact": the link, page title and button. */
  title: string;
  /** The success banner after saving: "Visit recorded". Without it, "Saved: {title}". */
  done?: string;
  /** The form's button: "Save visit". Without it, "Save". */
  submit?: string;
  need: keyof Abilities;
  schema: S;
  fields: (state: JourneyState) => Field[];
  /** Whether to offer the step now. Saving checks the rules again. */
  offered: (state: JourneyState) => boolean;
  /** Writes the step; returns what was created, for the audit. @throws ValidationError naming the field a rule refuses */
  save: (c: StepContext, input: z.infer<S>) => Promise<{ table: string; id: string }>;
}

/** Refuses a step that does not fit the journey, naming the field the person should change. */
export function rule(ok: boolean, field: string, message: string): asserts ok {
  if (!ok) throw new ValidationError([{ field, message }]);
}

/** Dates as people read them in messages: 3 March 2026 (the form kit's one formatter). */
export { longDate } from '../http/forms/dates.ts';

export const defineStep = <S extends z.ZodType>(step: Step<S>): Step => step;
