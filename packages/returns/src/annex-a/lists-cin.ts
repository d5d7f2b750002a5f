/** Annex A lists 6 (children in need) and 7 (child protection). */
import type { Child, CinEpisode } from '../model/types.ts';
import { abuse, codedValue, yesNo } from './codes.ts';
import { type Cell, type Window, asAt, commonCells, disability } from './common.ts';
import { isLookedAfterOn } from '../model/periods.ts';

type Rows = Cell[][];
const team = (c: Child): Cell[] => [c.allocatedTeam ?? null, c.allocatedWorker ?? null];
const openOn = (start: string | null | undefined, end: string | null | undefined, d: string): boolean =>
  !!start && start <= d && (!end || end > d);

/** Case status at the inspection date: a) looked after … e) closed episode. */
function caseStatus(c: Child, e: CinEpisode, d: string): string {
  if (e.closureDate && e.closureDate <= d) return 'e) Closed episode';
  if (isLookedAfterOn(c, d)) return 'a) Looked after child';
  if ((e.childProtectionPlans ?? []).some((p) => openOn(p.startDate, p.endDate, d)))
    return 'b) Child Protection plan';
  if ((e.cinPlans ?? []).some((p) => openOn(p.startDate, p.endDate, d))) return 'c) Child in need plan';
  if ((e.assessments ?? []).some((a) => openOn(a.startDate, a.authorisationDate, d)))
    return 'd) Open assessment';
  return 'c) Child in need plan';
}

export function list6(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    for (const e of c.cinEpisodes) {
      if (e.referralNfa === true || !e.referralDate || e.referralDate > w.inspectionDate) continue;
      const closed = e.closureDate && e.closureDate <= w.inspectionDate ? e.closureDate : null;
      if (closed && closed < w.sixMonthsBefore) continue;
      rows.push([
        ...commonCells('List 6', c, w),
        disability(c),
        e.referralDate,
        codedValue('List 6', 'Primary Need Code', e.primaryNeedCode),
        asAt(c.lastSeenDate, w),
        closed,
        closed ? codedValue('List 6', 'Reason for Closure', e.closureReason) : null,
        caseStatus(c, e, w.inspectionDate),
        ...team(c),
      ]);
    }
  }
  return rows;
}

export function list7(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    for (const e of c.cinEpisodes) {
      for (const p of e.childProtectionPlans ?? []) {
        if (!p.startDate || p.startDate > w.inspectionDate) continue;
        const ended = p.endDate && p.endDate <= w.inspectionDate ? p.endDate : null;
        if (ended && ended < w.sixMonthsBefore) continue;
        const reviews = (p.reviews ?? []).filter((r): r is string => !!r && r <= w.inspectionDate).sort();
        rows.push([
          ...commonCells('List 7', c, w),
          disability(c),
          p.startDate,
          abuse(p.initialCategory),
          abuse(p.latestCategory),
          asAt(p.lastVisitDate, w),
          yesNo(p.seenAlone, 'blank'),
          reviews[reviews.length - 1] ?? null,
          ended,
          yesNo(c.emergencyProtectionLast6Months ?? false),
          p.numberOfPreviousCpps,
          ...team(c),
        ]);
      }
    }
  }
  return rows;
}
