/**
 * Who is in scope of CP-IS, by the national rules, derived from the journey record and nothing
 * else (never re-keyed): a child on a child protection plan, or whose plan ended in the last 12
 * months; a child looked after under s31 (full care order, C2), s38 (interim care order, C1) or
 * s20 (single period of accommodation, V2), or who left care in the last 12 months; an unborn
 * child on a child protection plan (held against the expectant mother's NHS number and the
 * expected date of birth; once the child is born the same plan is the born child's plan).
 * Pure: the caller reads the rows, this decides.
 */
import { shiftDate } from '../http/forms/dates.ts';

/** The kinds of flag, as CP-IS names them. */
export const flagKinds = ['cpp', 'lac', 'unborn-cpp'] as const;
export type FlagKind = (typeof flagKinds)[number];

export const flagKindLabels: Record<FlagKind, string> = {
  cpp: 'Child protection plan',
  lac: 'Looked after child',
  'unborn-cpp': 'Unborn child protection plan',
};

/** The SSDA903 legal statuses that put a looked-after child in scope: s31 (C2), s38 (C1), s20 (V2). */
export const inScopeLegalStatuses: readonly string[] = ['C2', 'C1', 'V2'];

/** How long a flag stays after its plan or care ended. */
export const LOOK_BACK_MONTHS = 12;

export interface ScopePlan {
  startedOn: string;
  endedOn: string | null;
}
export interface ScopeCareEpisode {
  startedOn: string;
  endedOn: string | null;
  legalStatus: string;
}
export interface ScopeInput {
  kind: 'child' | 'adult' | 'unborn';
  cpPlans: readonly ScopePlan[];
  careEpisodes: readonly ScopeCareEpisode[];
}

/** One flag: what kind, since when, until when (null while it lasts). */
export interface DerivedFlag {
  kind: FlagKind;
  since: string;
  until: string | null;
}

/** The first day still inside the look-back on `today`: an end on or after it keeps the flag. */
export function lookBackStart(today: string): string {
  return shiftDate(today, { months: -LOOK_BACK_MONTHS });
}

const byStart = <T extends { startedOn: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => a.startedOn.localeCompare(b.startedOn));

/** The latest period of care: episodes that follow each other without a day's gap. */
function latestPeriodOfCare(episodes: readonly ScopeCareEpisode[]): ScopeCareEpisode[] {
  const sorted = byStart(episodes);
  let period: ScopeCareEpisode[] = [];
  for (const e of sorted) {
    const last = period[period.length - 1];
    if (last !== undefined && last.endedOn !== null && last.endedOn < e.startedOn) period = [];
    period.push(e);
  }
  return period;
}

/**
 * The flags `input` has on `today` (YYYY-MM-DD), at most one of each kind: an unborn child's plan
 * is 'unborn-cpp'; the same plan after the birth is 'cpp'.
 * @example deriveFlags({ kind: 'child', cpPlans: [{ startedOn: '2026-01-05', endedOn: null }], careEpisodes: [] }, '2026-06-01')
 * // [{ kind: 'cpp', since: '2026-01-05', until: null }]
 */
export function deriveFlags(input: ScopeInput, today: string): DerivedFlag[] {
  if (input.kind === 'adult') return [];
  const from = lookBackStart(today);
  const flags: DerivedFlag[] = [];
  const plan = byStart(input.cpPlans.filter((p) => p.startedOn <= today)).at(-1);
  if (plan !== undefined && (plan.endedOn === null || plan.endedOn >= from)) {
    flags.push({
      kind: input.kind === 'unborn' ? 'unborn-cpp' : 'cpp',
      since: plan.startedOn,
      until: plan.endedOn,
    });
  }
  if (input.kind === 'child') {
    const period = latestPeriodOfCare(input.careEpisodes.filter((e) => e.startedOn <= today));
    const qualifying = period.filter((e) => inScopeLegalStatuses.includes(e.legalStatus));
    const first = qualifying[0];
    const last = period[period.length - 1];
    if (first !== undefined && last !== undefined) {
      // Open: still looked after. Ended: left care on the last episode's end.
      const until = last.endedOn;
      if (until === null || until >= from) flags.push({ kind: 'lac', since: first.startedOn, until });
    }
  }
  return flags;
}

/** Whether two derivations say the same thing (so nothing need be published). */
export function sameFlag(a: DerivedFlag, b: DerivedFlag): boolean {
  return a.kind === b.kind && a.since === b.since && a.until === b.until;
}
