/**
 * Which initial child protection conference decided each child protection plan of a census
 * episode. The census carries the conference's date (a section 47's DateOfInitialCPC, or the
 * episode's own for a conference with no enquiry, such as a transfer-in) and the plan's start date
 * separately, and a real file's two can differ or the conference be missing:
 *
 * - a plan starting on a conference's day was decided by it;
 * - otherwise by the latest conference before its start not already deciding a plan (and not
 *   recorded as deciding none): the conference on its day, the plan from its own start date;
 * - otherwise the conference is not in the file (a plan carried over from before the census year,
 *   whose enquiry the census no longer carries): a conference is taken as held on the plan's first
 *   day, with no enquiry, as a Waypoint plan is always decided by one. The report says so.
 *
 * Pure.
 */
import type { ChildProtectionPlan, CinEpisode } from '@waypoint/returns';

export interface ImportConference {
  on: string;
  /** The section 47 enquiry (index in the episode's) whose conference this is; null for none. */
  s47: number | null;
  /** Whether the file records this conference (false: taken from its plan's start date). */
  inFile: boolean;
  plan: ChildProtectionPlan | null;
}

/** The episode's initial conferences, oldest first, each with the plan it decided. */
export function conferencesOf(e: CinEpisode): ImportConference[] {
  const out: (ImportConference & { noPlan: boolean })[] = [];
  (e.section47s ?? []).forEach((s, i) => {
    if (s.dateOfInitialCpc)
      out.push({
        on: s.dateOfInitialCpc,
        s47: i,
        inFile: true,
        plan: null,
        noPlan: s.icpcResultedInPlan === false,
      });
  });
  if (e.dateOfInitialCpc)
    out.push({ on: e.dateOfInitialCpc, s47: null, inFile: true, plan: null, noPlan: false });
  out.sort((a, b) => a.on.localeCompare(b.on));
  const plans = (e.childProtectionPlans ?? [])
    .filter((p): p is ChildProtectionPlan & { startDate: string } => p.startDate !== null)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  for (const p of plans) {
    const free = out.filter((c) => c.plan === null && !c.noPlan && c.on <= p.startDate);
    const exact = free.find((c) => c.on === p.startDate);
    const chosen = exact ?? free.at(-1);
    if (chosen !== undefined) chosen.plan = p;
    else out.push({ on: p.startDate, s47: null, inFile: false, plan: p, noPlan: false });
  }
  return out.sort((a, b) => a.on.localeCompare(b.on)).map(({ noPlan: _, ...c }) => c);
}
