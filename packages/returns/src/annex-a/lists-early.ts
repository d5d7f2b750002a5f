/** Annex A lists 1 to 7: contacts, early help, referrals, assessments, section 47s, children in need, child protection. */
import type { Child } from '../model/types.ts';
import { codedValue, yesNo } from './codes.ts';
import { type Cell, type Window, commonCells, disability, within } from './common.ts';

type Rows = Cell[][];
const team = (c: Child): Cell[] => [c.allocatedTeam ?? null, c.allocatedWorker ?? null];

export function list1(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    for (const k of c.contacts ?? []) {
      if (within(k.date, w.sixMonthsBefore, w.inspectionDate))
        rows.push([
          ...commonCells('List 1', c, w),
          k.date,
          codedValue('List 1', 'Contact Source', k.source) ?? k.source,
        ]);
    }
  }
  return rows;
}

export function list2(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    for (const e of c.earlyHelp ?? []) {
      const current = e.startDate <= w.inspectionDate && (!e.endDate || e.endDate >= w.sixMonthsBefore);
      if (current)
        rows.push([...commonCells('List 2', c, w), e.startDate, e.endDate ?? null, e.organisation ?? null]);
    }
  }
  return rows;
}

export function list3(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    const inYear = c.cinEpisodes.filter((e) =>
      within(e.referralDate, w.twelveMonthsBefore, w.inspectionDate),
    ).length;
    for (const e of c.cinEpisodes) {
      if (!within(e.referralDate, w.sixMonthsBefore, w.inspectionDate)) continue;
      const nfa = e.referralNfa === true ? true : e.referralNfa === false ? false : null;
      rows.push([
        ...commonCells('List 3', c, w),
        e.referralDate,
        codedValue('List 3', 'Referral Source', e.referralSource) ?? e.referralSource,
        yesNo(nfa),
        inYear,
        ...team(c),
      ]);
    }
  }
  return rows;
}

export function list4(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    for (const e of c.cinEpisodes) {
      for (const a of e.assessments ?? []) {
        if (!a.startDate || a.startDate > w.inspectionDate) continue;
        const open = !a.authorisationDate || a.authorisationDate > w.inspectionDate;
        if (
          !open &&
          !within(a.startDate, w.sixMonthsBefore, w.inspectionDate) &&
          !within(a.authorisationDate, w.sixMonthsBefore, w.inspectionDate)
        )
          continue;
        const auth = open ? null : (a.authorisationDate ?? null);
        rows.push([
          ...commonCells('List 4', c, w),
          disability(c),
          a.startDate,
          yesNo(a.childSeen),
          auth,
          auth ? yesNo(a.needsSupport ?? null) : null,
          ...team(c),
        ]);
      }
    }
  }
  return rows;
}

export function list5(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    const s47s = c.cinEpisodes.flatMap((e) => e.section47s ?? []);
    const inYear = s47s.filter((s) => within(s.startDate, w.twelveMonthsBefore, w.inspectionDate)).length;
    const icpcs = c.cinEpisodes.flatMap((e) => [
      e.dateOfInitialCpc,
      ...(e.section47s ?? []).map((s) => s.dateOfInitialCpc),
    ]);
    const icpcInYear = icpcs.filter((d) => within(d, w.twelveMonthsBefore, w.inspectionDate)).length;
    for (const s of s47s) {
      if (!within(s.startDate, w.sixMonthsBefore, w.inspectionDate)) continue;
      const held = s.dateOfInitialCpc && s.dateOfInitialCpc <= w.inspectionDate ? s.dateOfInitialCpc : null;
      const notRequired = s.icpcNotRequired === true ? true : s.icpcNotRequired === false ? false : null;
      rows.push([
        ...commonCells('List 5', c, w),
        disability(c),
        s.startDate,
        yesNo(notRequired, 'blank'),
        held,
        held ? yesNo(s.icpcResultedInPlan ?? null) : null,
        inYear,
        icpcInYear,
        ...team(c),
      ]);
    }
  }
  return rows;
}
