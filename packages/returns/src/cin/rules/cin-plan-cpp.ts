/** CIN plans against child protection plans: 4001, 4003, 4016, 4017. */
import type { Child } from '../../model/types.ts';
import { childRule } from './define.ts';
import { date, startsWithin } from './helpers.ts';

const cinPlans = (child: Child) =>
  child.cinEpisodes.flatMap((ep) =>
    (ep.cinPlans ?? []).flatMap((p) => (date(p.startDate) ? [{ s: p.startDate!, e: date(p.endDate) }] : [])),
  );
const cpps = (child: Child) =>
  child.cinEpisodes.flatMap((ep) =>
    (ep.childProtectionPlans ?? []).flatMap((p) =>
      date(p.startDate) ? [{ s: p.startDate!, e: date(p.endDate) }] : [],
    ),
  );

export const rule4001 = childRule({
  code: '4001',
  message: 'A CIN Plan cannot run concurrently with a Child Protection Plan',
  module: 'CINplanDates',
  fields: ['CINPlanEndDate', 'CPPendDate'],
  fix: 'End the CIN plan when the child protection plan starts (or the other way round).',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const openCpp = (ep.childProtectionPlans ?? []).some((p) => !p.endDate);
      const openCin = (ep.cinPlans ?? []).filter((p) => !p.endDate);
      if (openCpp)
        for (const p of openCin)
          report({ values: { CINPlanStartDate: p.startDate, CINPlanEndDate: null, CPPendDate: null } });
    }
  },
});

export const rule4003 = childRule({
  code: '4003',
  message: 'A CPP review date is shown as being held at the same time as an open CIN Plan.',
  module: 'Reviews',
  fields: ['CPPreviewDate'],
  fix: 'A child on a child protection plan is not also on a CIN plan: check the review and CIN plan dates.',
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes) {
      const plans = (ep.cinPlans ?? []).filter((p) => date(p.startDate));
      if (plans.length === 0) continue;
      for (const cpp of ep.childProtectionPlans ?? []) {
        for (const r of cpp.reviews ?? []) {
          const d = date(r);
          if (!d) continue;
          // Strictly after the plan starts: a review on the day a CIN plan starts is the handover.
          const p = plans.find(
            (x) => d > x.startDate! && startsWithin(d, x.startDate!, date(x.endDate), ctx.referenceDate),
          );
          if (p)
            report({
              values: { CPPreviewDate: d, CINPlanStartDate: p.startDate, CINPlanEndDate: p.endDate ?? null },
            });
        }
      }
    }
  },
});

export const rule4016 = childRule({
  code: '4016',
  message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  module: 'CINplanDates',
  fields: ['CINPlanStartDate', 'CPPstartDate', 'CPPendDate'],
  fix: 'A CIN plan cannot start while a child protection plan is open (it may start the day the CPP ends).',
  check(child, ctx, report) {
    const cp = cpps(child);
    for (const plan of cinPlans(child)) {
      const hit = cp.find((c) => startsWithin(plan.s, c.s, c.e, ctx.referenceDate));
      if (hit) report({ values: { CINPlanStartDate: plan.s, CPPstartDate: hit.s, CPPendDate: hit.e } });
    }
  },
});

export const rule4017 = childRule({
  code: '4017',
  message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  module: 'CINplanDates',
  fields: ['CPPstartDate', 'CINPlanStartDate', 'CINPlanEndDate'],
  fix: 'A child protection plan cannot start while a CIN plan is open (it may start the day the CIN plan ends).',
  check(child, ctx, report) {
    const plans = cinPlans(child);
    for (const c of cpps(child)) {
      const hit = plans.find((p) => startsWithin(c.s, p.s, p.e, ctx.referenceDate));
      if (hit) report({ values: { CPPstartDate: c.s, CINPlanStartDate: hit.s, CINPlanEndDate: hit.e } });
    }
  },
});

export const rules = [rule4001, rule4003, rule4016, rule4017];
