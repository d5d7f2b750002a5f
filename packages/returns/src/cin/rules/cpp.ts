/** Child protection plans and their reviews: 1105, 8720, 8730, 8840, 8841, 8842Q, 8905, 8910, 8915, 8920, 8925, 8930, 8935, 8940. */
import { CATEGORY_OF_ABUSE } from '../../model/codes.ts';
import type { Child, ChildProtectionPlan, CinEpisode } from '../../model/types.ts';
import { childRule, endsAfterDeathRule, startsAfterDeathRule } from './define.ts';
import { date, inCensusYear, startsWithin } from './helpers.ts';

function eachCpp(child: Child, fn: (p: ChildProtectionPlan, ep: CinEpisode) => void): void {
  for (const ep of child.cinEpisodes) for (const p of ep.childProtectionPlans ?? []) fn(p, ep);
}

export const rule1105 = childRule({
  code: '1105',
  message: 'The child protection plan start date cannot be before the referral date',
  module: 'ChildProtectionPlans',
  fields: ['CPPstartDate', 'CINreferralDate'],
  fix: 'Check the plan start date and the referral date.',
  check(child, _ctx, report) {
    eachCpp(child, (p, ep) => {
      const s = date(p.startDate);
      const r = date(ep.referralDate);
      if (s && r && s < r) report({ values: { CPPstartDate: s, CINreferralDate: r } });
    });
  },
});

export const rule8720 = childRule({
  code: '8720',
  message: 'Child Protection Plan Start Date missing or out of data collection period',
  module: 'ChildProtectionPlans',
  fields: ['CPPstartDate'],
  fix: 'Give the plan start date; a plan starting after 31 March belongs in next year’s return.',
  check(child, ctx, report) {
    eachCpp(child, (p) => {
      const s = date(p.startDate);
      if (!s || s > ctx.referenceDate) report({ values: { CPPstartDate: p.startDate } });
    });
  },
});

export const rule8730 = childRule({
  code: '8730',
  message: 'Total Number of previous Child Protection Plans missing',
  module: 'ChildProtectionPlans',
  fields: ['NumberOfPreviousCPP'],
  fix: 'Record how many child protection plans the child had before this one.',
  check(child, _ctx, report) {
    eachCpp(child, (p) => {
      if (p.numberOfPreviousCpps == null || Number.isNaN(p.numberOfPreviousCpps))
        report({ values: { CPPstartDate: p.startDate, NumberOfPreviousCPP: null } });
    });
  },
});

export const rule8840 = childRule({
  code: '8840',
  message: 'Child Protection Plan cannot start and end on the same day',
  module: 'ChildProtectionPlans',
  fields: ['CPPendDate', 'CPPstartDate'],
  fix: 'Check the plan dates.',
  check(child, _ctx, report) {
    eachCpp(child, (p) => {
      const s = date(p.startDate);
      if (s && s === date(p.endDate)) report({ values: { CPPstartDate: s, CPPendDate: s } });
    });
  },
});

export const rule8841 = childRule({
  code: '8841',
  message: 'The review date cannot be on the same day or before the Child protection Plan start date.',
  module: 'Reviews',
  fields: ['CPPreviewDate', 'CPPstartDate'],
  fix: 'Review conferences come after the plan starts: check the dates.',
  check(child, _ctx, report) {
    eachCpp(child, (p) => {
      const s = date(p.startDate);
      if (!s) return;
      for (const r of p.reviews ?? []) {
        const d = date(r);
        if (d && d <= s) report({ values: { CPPreviewDate: d, CPPstartDate: s } });
      }
    });
  },
});

export const rule8842Q = childRule({
  code: '8842Q',
  message: 'Please check and either amend or provide a reason: Review Record has a missing date',
  module: 'Reviews',
  fields: ['CPPreviewDate'],
  fix: 'Give the date of each review conference, or remove the empty review.',
  check(child, _ctx, report) {
    eachCpp(child, (p) => {
      for (const r of p.reviews ?? [])
        if (!date(r)) report({ values: { CPPstartDate: p.startDate, CPPreviewDate: r ?? null } });
    });
  },
});

function categoryRule(
  code: '8905' | '8910',
  field: 'InitialCategoryOfAbuse' | 'LatestCategoryOfAbuse',
  label: string,
) {
  return childRule({
    code,
    message: `${label} Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)`,
    module: 'ChildProtectionPlans',
    fields: [field],
    fix: 'Use a category of abuse code: NEG, PHY, SAB, EMO or MUL.',
    check(child, _ctx, report) {
      eachCpp(child, (p) => {
        const v = field === 'InitialCategoryOfAbuse' ? p.initialCategory : p.latestCategory;
        if (!v || !CATEGORY_OF_ABUSE.has(v))
          report({ values: { CPPstartDate: p.startDate, [field]: v ?? null } });
      });
    },
  });
}

export const rule8905 = categoryRule('8905', 'InitialCategoryOfAbuse', 'Initial');
export const rule8910 = categoryRule('8910', 'LatestCategoryOfAbuse', 'Latest');

export const rule8915 = startsAfterDeathRule({
  code: '8915',
  message: 'Child Protection Plan shown as starting after the child’s Date of Death',
  module: 'ChildProtectionPlans',
  field: 'CPPstartDate',
  fix: 'Check the plan start date and the date of death.',
  each: eachCpp,
});

export const rule8920 = endsAfterDeathRule({
  code: '8920',
  message: 'Child Protection Plan cannot end after the child’s Date of Death',
  module: 'ChildProtectionPlans',
  field: 'CPPendDate',
  fix: 'A plan ends on or before the date of death: check the dates, and end a plan left open.',
  each: eachCpp,
});

export const rule8925 = childRule({
  code: '8925',
  message: 'Child Protection Plan End Date earlier than Start Date',
  module: 'ChildProtectionPlans',
  fields: ['CPPendDate', 'CPPstartDate'],
  fix: 'Check the plan dates.',
  check(child, _ctx, report) {
    eachCpp(child, (p) => {
      const s = date(p.startDate);
      const e = date(p.endDate);
      if (s && e && e < s) report({ values: { CPPstartDate: s, CPPendDate: e } });
    });
  },
});

export const rule8930 = childRule({
  code: '8930',
  message: 'Child Protection Plan End Date must fall within the census year',
  module: 'ChildProtectionPlans',
  fields: ['CPPendDate'],
  fix: 'The end date falls in the census year: a plan that ended before 1 April does not belong in the return, and one ending after 31 March was still open at the census date.',
  check(child, ctx, report) {
    eachCpp(child, (p) => {
      if (p.endDate && !(date(p.endDate) && inCensusYear(p.endDate, ctx)))
        report({ values: { CPPendDate: p.endDate } });
    });
  },
});

export const rule8935 = childRule({
  code: '8935',
  message: 'This child is showing more than one open Child Protection plan, i.e. with no End Date',
  module: 'ChildProtectionPlans',
  fields: ['CPPendDate'],
  fix: 'End the earlier plan: a child has at most one open child protection plan.',
  check(child, _ctx, report) {
    let open = 0;
    eachCpp(child, (p) => {
      if (!p.endDate) open += 1;
    });
    if (open > 1) report({ values: { openPlans: open } });
  },
});

export const rule8940 = childRule({
  code: '8940',
  message: 'Child Protection Plan data contains overlapping dates',
  module: 'ChildProtectionPlans',
  fields: ['CPPstartDate', 'CPPendDate'],
  fix: 'End one child protection plan before the next starts.',
  check(child, ctx, report) {
    const plans: { s: string; e: string | null }[] = [];
    eachCpp(child, (p) => {
      const s = date(p.startDate);
      if (s) plans.push({ s, e: date(p.endDate) });
    });
    for (let i = 0; i < plans.length; i++) {
      for (let j = i + 1; j < plans.length; j++) {
        const a = plans[i]!;
        const b = plans[j]!;
        if (startsWithin(b.s, a.s, a.e, ctx.referenceDate) || startsWithin(a.s, b.s, b.e, ctx.referenceDate))
          report({ values: { CPPstartDate: b.s, CPPendDate: b.e, otherStartDate: a.s, otherEndDate: a.e } });
      }
    }
  },
});

export const rules = [
  rule1105,
  rule8720,
  rule8730,
  rule8840,
  rule8841,
  rule8842Q,
  rule8905,
  rule8910,
  rule8915,
  rule8920,
  rule8925,
  rule8930,
  rule8935,
  rule8940,
];
