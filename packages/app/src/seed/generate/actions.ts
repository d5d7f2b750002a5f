/**
 * What the journey planner asks the writer to do, in date order: journey steps (through the step
 * definitions), visits, and allocations. Narrative fields carry their marked-up form for the
 * redaction corpus.
 */
import type { MarkedText } from './note-builder.ts';

export type By = 'front-door' | 'worker';

/** A goal's scores over time: base at agreement, change per 30 days. */
export interface Trajectory {
  base: number;
  slope: number;
}

export type Action =
  | { at: string; type: 'allocate'; to: 'front-door' | 'case'; reason: string }
  | {
      at: string;
      type: 'step';
      kind: string;
      by: By;
      input: Record<string, unknown>;
      /** Narrative fields of the input, marked, keyed by field name. */
      marked?: Record<string, MarkedText>;
      /** For a goal step: how it will be scored. */
      trajectory?: Trajectory;
      /** For a timescale: a key later steps use to name it; for timescale-met, the key named. */
      timescaleKey?: string;
      /** For a plan review: score the goals in place, with this noise seed. */
      scoreSeed?: number;
    }
  | {
      at: string;
      type: 'visit';
      by: By;
      input: {
        date: string;
        seen: 'seen' | 'seen-alone' | 'not-seen';
        summary: string;
        childSaid?: string;
        notSeenReason?: string;
        othersPresent?: string;
        minutesWithChild?: number;
      };
      marked: Record<string, MarkedText>;
      scoreSeed?: number;
    };

/** The score a goal has on `on`, from its trajectory and a little noise. */
export function scoreOn(t: Trajectory, agreedOn: string, on: string, noise: number): number {
  const days = (Date.parse(on) - Date.parse(agreedOn)) / 86_400_000;
  return Math.max(0, Math.min(10, Math.round(t.base + (t.slope * days) / 30 + noise)));
}
