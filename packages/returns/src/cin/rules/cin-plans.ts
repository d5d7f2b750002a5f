/** CIN plans: 4004, 4008, 4009Q, 4010, 4011, 4012Q, 4013, 4014, 4015. */
import type { Child, CinEpisode, CinPlan } from '../../model/types.ts';
import { childRule, endsAfterDeathRule, startsAfterDeathRule } from './define.ts';
import { date, inCensusYear, startsWithin } from './helpers.ts';

function eachPlan(child: Child, fn: (p: CinPlan, ep: CinEpisode) => void): void {
  for (const ep of child.cinEpisodes) for (const p of ep.cinPlans ?? []) fn(p, ep);
}

export const rule4004 = childRule({
  code: '4004',
  message: 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  module: 'CINplanDates',
  fields: ['CINPlanEndDate'],
  fix: 'End the earlier CIN plan: a child has at most one open plan.',
  check(child, _ctx, report) {
    let open = 0;
    eachPlan(child, (p) => {
      if (!p.endDate) open += 1;
    });
    if (open > 1) report({ values: { openCinPlans: open } });
  },
});

export const rule4008 = startsAfterDeathRule({
  code: '4008',
  message: 'CIN Plan shown as starting after the child’s Date of Death.',
  module: 'CINplanDates',
  field: 'CINPlanStartDate',
  fix: 'Check the CIN plan start date and the date of death.',
  each: eachPlan,
});

export const rule4009Q = endsAfterDeathRule({
  code: '4009Q',
  message: 'CIN Plan cannot end after the child’s Date of Death',
  module: 'CINplanDates',
  field: 'CINPlanEndDate',
  fix: 'A CIN plan ends on or before the date of death: check the dates, and end a plan left open.',
  each: eachPlan,
});

export const rule4010 = childRule({
  code: '4010',
  message: 'CIN Plan start date is missing or out of data collection period',
  module: 'CINplanDates',
  fields: ['CINPlanStartDate'],
  fix: 'Give the CIN plan start date; a plan starting after 31 March belongs in next year’s return.',
  check(child, ctx, report) {
    eachPlan(child, (p) => {
      const s = date(p.startDate);
      if (!s || s > ctx.referenceDate) report({ values: { CINPlanStartDate: p.startDate } });
    });
  },
});

export const rule4011 = childRule({
  code: '4011',
  message: 'CIN Plan End Date earlier than Start Date',
  module: 'CINplanDates',
  fields: ['CINPlanEndDate', 'CINPlanStartDate'],
  fix: 'Check the CIN plan dates.',
  check(child, _ctx, report) {
    eachPlan(child, (p) => {
      const s = date(p.startDate);
      const e = date(p.endDate);
      if (s && e && e < s) report({ values: { CINPlanStartDate: s, CINPlanEndDate: e } });
    });
  },
});

export const rule4012Q = childRule({
  code: '4012Q',
  message:
    'Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day',
  module: 'CINplanDates',
  fields: ['CINPlanEndDate', 'CINPlanStartDate'],
  fix: 'A plan that starts and ends the same day is unusual: check the dates.',
  check(child, _ctx, report) {
    eachPlan(child, (p) => {
      const s = date(p.startDate);
      if (s && s === date(p.endDate)) report({ values: { CINPlanStartDate: s, CINPlanEndDate: s } });
    });
  },
});

export const rule4013 = childRule({
  code: '4013',
  message: 'CIN Plan end date must fall within the census year',
  module: 'CINplanDates',
  fields: ['CINPlanEndDate'],
  fix: 'The end date falls in the census year: a plan that ended before 1 April does not belong in the return, and one ending after 31 March was still open at the census date.',
  check(child, ctx, report) {
    eachPlan(child, (p) => {
      if (p.endDate && !(date(p.endDate) && inCensusYear(p.endDate, ctx)))
        report({ values: { CINPlanEndDate: p.endDate } });
    });
  },
});

export const rule4014 = childRule({
  code: '4014',
  message: 'CIN Plan data contains overlapping dates',
  module: 'CINplanDates',
  fields: ['CINPlanStartDate', 'CINPlanEndDate'],
  fix: 'End one CIN plan before the next starts.',
  check(child, ctx, report) {
    const plans: { s: string; e: string | null }[] = [];
    eachPlan(child, (p) => {
      const s = date(p.startDate);
      if (s) plans.push({ s, e: date(p.endDate) });
    });
    for (let i = 0; i < plans.length; i++) {
      for (let j = i + 1; j < plans.length; j++) {
        const a = plans[i]!;
        const b = plans[j]!;
        if (startsWithin(b.s, a.s, a.e, ctx.referenceDate) || startsWithin(a.s, b.s, b.e, ctx.referenceDate))
          report({
            values: { CINPlanStartDate: b.s, CINPlanEndDate: b.e, otherStartDate: a.s, otherEndDate: a.e },
          });
      }
    }
  },
});

export const rule4015 = childRule({
  code: '4015',
  message: 'The CIN Plan start date cannot be before the referral date',
  module: 'CINplanDates',
  fields: ['CINPlanStartDate', 'CINreferralDate'],
  fix: 'Check the CIN plan start date and the referral date.',
  check(child, _ctx, report) {
    eachPlan(child, (p, ep) => {
      const s = date(p.startDate);
      const r = date(ep.referralDate);
      if (s && r && s < r) report({ values: { CINPlanStartDate: s, CINreferralDate: r } });
    });
  },
});

export const rules = [
  rule4004,
  rule4008,
  rule4009Q,
  rule4010,
  rule4011,
  rule4012Q,
  rule4013,
  rule4014,
  rule4015,
];
