/**
 * Initial child protection conferences: 1104, 8715, 8875, 2884, 2885 and the return-level 2883.
 * 1104, 8715 and 8875 are Section 47 rules (the DfE's module for them): they read the ICPC date of
 * each section 47, not the CIN details one (package README, "Deliberate differences").
 */
import { isWeekend } from '../../dates.ts';
import { childRule, returnRule } from './define.ts';
import { date, icpcDates, inCensusYear, section47IcpcDates } from './helpers.ts';

export const rule1104 = childRule({
  code: '1104',
  message: 'The date of the initial child protection conference cannot be before the referral date',
  module: 'Section47',
  fields: ['DateOfInitialCPC', 'CINreferralDate'],
  fix: 'Check the section 47’s conference date and the referral date.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const r = date(ep.referralDate);
      if (!r) continue;
      for (const d of section47IcpcDates(ep))
        if (d < r) report({ values: { DateOfInitialCPC: d, CINreferralDate: r } });
    }
  },
});

export const rule8715 = childRule({
  code: '8715',
  message: 'Date of Initial Child Protection Conference must fall within the census year',
  module: 'Section47',
  fields: ['DateOfInitialCPC'],
  fix: 'A section 47’s conference date falls in the census year: one before 1 April belongs to an earlier return, one after 31 March to the next. Check the date.',
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes) {
      for (const d of section47IcpcDates(ep))
        if (!inCensusYear(d, ctx)) report({ values: { DateOfInitialCPC: d } });
    }
  },
});

export const rule8875 = childRule({
  code: '8875',
  message: 'The Date of Initial Child Protection Conference cannot be a weekend',
  module: 'Section47',
  fields: ['DateOfInitialCPC'],
  fix: 'Conferences are held on working days: correct the section 47’s conference date.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      for (const d of section47IcpcDates(ep)) if (isWeekend(d)) report({ values: { DateOfInitialCPC: d } });
    }
  },
});

export const rule2884 = childRule({
  code: '2884',
  message:
    'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one',
  module: 'Section47',
  fields: ['DateOfInitialCPC'],
  fix: 'Record the conference once: on the section 47 that led to it, or on the CIN details when there was none.',
  check(child, _ctx, report) {
    const own = new Set(
      child.cinEpisodes.map((e) => date(e.dateOfInitialCpc)).filter((d): d is string => d !== null),
    );
    if (own.size === 0) return;
    for (const ep of child.cinEpisodes) {
      for (const s of ep.section47s ?? []) {
        const d = date(s.dateOfInitialCpc);
        if (d && own.has(d)) report({ values: { DateOfInitialCPC: d } });
      }
    }
  },
});

export const rule2885 = childRule({
  code: '2885',
  message:
    'Child protection plan shown as starting a different day to the initial child protection conference.',
  module: 'ChildProtectionPlans',
  fields: ['CPPstartDate', 'DateOfInitialCPC'],
  fix: 'A plan starts on the day of the conference that decided it: check both dates.',
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes) {
      const conferences = icpcDates(ep).map((c) => c.date);
      for (const p of ep.childProtectionPlans ?? []) {
        const s = date(p.startDate);
        if (s && inCensusYear(s, ctx) && !conferences.includes(s))
          report({ values: { CPPstartDate: s, DateOfInitialCPC: conferences.join(',') || null } });
      }
    }
  },
});

export const rule2883 = returnRule({
  code: '2883',
  message: 'There are more child protection plans starting than initial conferences taking place',
  module: 'ChildProtectionPlans',
  fields: ['CPPstartDate', 'DateOfInitialCPC'],
  fix: 'Every plan starting in the year follows a conference in the year: find the plans without one.',
  check(children, ctx, report) {
    let plans = 0;
    let conferences = 0;
    for (const c of children) {
      for (const ep of c.cinEpisodes) {
        for (const p of ep.childProtectionPlans ?? []) {
          const s = date(p.startDate);
          if (s && inCensusYear(s, ctx)) plans += 1;
        }
        for (const x of icpcDates(ep)) if (inCensusYear(x.date, ctx)) conferences += 1;
      }
    }
    if (plans > conferences) report({ values: { plansStarting: plans, initialConferences: conferences } });
  },
});

export const rules = [rule1104, rule8715, rule8875, rule2884, rule2885, rule2883];
