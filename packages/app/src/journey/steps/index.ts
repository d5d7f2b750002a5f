/** Every step of the journey, in the order they are offered. */
import type { Step } from '../step.ts';
import { assessment, assessmentComplete, closure } from './assessment.ts';
import { careChange, careEnd, careReview, careStart, missing } from './care.ts';
import { contact, contactDecision, earlyHelp, earlyHelpEnd } from './front-door.ts';
import { goal, note, planReview, timescale, timescaleMet } from './plans.ts';
import {
  cinPlan,
  cinPlanEnd,
  initialConference,
  reviewConference,
  s47,
  s47Complete,
  strategy,
} from './protection.ts';
import { transferInConference } from './transfer-in.ts';
import { transferOutConference } from './transfer-out.ts';
import { visit } from './visit.ts';

export const steps: readonly Step[] = [
  contact,
  contactDecision,
  earlyHelp,
  earlyHelpEnd,
  assessment,
  assessmentComplete,
  strategy,
  s47,
  s47Complete,
  initialConference,
  transferInConference,
  reviewConference,
  transferOutConference,
  cinPlan,
  cinPlanEnd,
  goal,
  planReview,
  careStart,
  careChange,
  careEnd,
  careReview,
  missing,
  visit,
  note,
  timescale,
  timescaleMet,
  closure,
];

const byKind = new Map(steps.map((s) => [s.kind, s]));
export const stepKinds = steps.map((s) => s.kind) as [string, ...string[]];
export const findStep = (kind: string): Step | undefined => byKind.get(kind);
