/** Periods of care: runs of SSDA903 episodes with no gap, ending with an episode that ceased care. */
import type { Child, LookedAfterEpisode } from './types.ts';

export interface PeriodOfCare {
  episodes: LookedAfterEpisode[];
  start: string;
  /** The day care ceased, or null while the child is looked after. */
  end: string | null;
  reasonEnded: string | null;
}

/** The child's periods of care, oldest first. */
export function periodsOfCare(child: Child): PeriodOfCare[] {
  const eps = [...(child.lookedAfter ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const periods: PeriodOfCare[] = [];
  let current: LookedAfterEpisode[] = [];
  for (const e of eps) {
    const last = current[current.length - 1];
    if (last && !(last.endDate === e.startDate && (last.reasonEnded ?? 'X1') === 'X1')) {
      periods.push(toPeriod(current));
      current = [];
    }
    current.push(e);
  }
  if (current.length > 0) periods.push(toPeriod(current));
  return periods;
}

function toPeriod(episodes: LookedAfterEpisode[]): PeriodOfCare {
  const last = episodes[episodes.length - 1]!;
  const ceased = last.endDate && last.reasonEnded && last.reasonEnded !== 'X1';
  return {
    episodes,
    start: episodes[0]!.startDate,
    end: ceased ? last.endDate! : null,
    reasonEnded: ceased ? last.reasonEnded! : null,
  };
}

/** True when the child is looked after on the date. */
export function isLookedAfterOn(child: Child, d: string): boolean {
  return (child.lookedAfter ?? []).some((e) => e.startDate <= d && (!e.endDate || e.endDate > d));
}
