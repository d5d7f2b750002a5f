/** Episodes against each other and activity after closure: 8815, 8816, 8820, 8565. */
import { childRule } from './define.ts';
import { date, icpcDates, isNo, isYes, startsWithin } from './helpers.ts';

export const rule8815 = childRule({
  code: '8815',
  message:
    'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  module: 'CINdetails',
  fields: ['CINclosureDate', 'ReferralNFA'],
  fix: 'Close the earlier episode: a child has at most one open episode.',
  check(child, _ctx, report) {
    const open = child.cinEpisodes.filter((e) => !e.closureDate && !isYes(e.referralNfa));
    if (open.length > 1)
      report({
        values: { openEpisodes: open.length, CINreferralDate: open.map((e) => e.referralDate).join(',') },
      });
  },
});

export const rule8816 = childRule({
  code: '8816',
  message:
    'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  module: 'CINdetails',
  fields: ['CINreferralDate', 'ReferralNFA'],
  fix: 'Only the latest episode can be open: close the older one or correct the referral dates.',
  check(child, _ctx, report) {
    let latest = '';
    for (const e of child.cinEpisodes) {
      const r = date(e.referralDate);
      if (r && r > latest) latest = r;
    }
    for (const e of child.cinEpisodes) {
      const r = date(e.referralDate);
      if (r && !e.closureDate && isNo(e.referralNfa) && r !== latest)
        report({ values: { CINreferralDate: r, latestReferralDate: latest } });
    }
  },
});

export const rule8820 = childRule({
  code: '8820',
  message: 'The dates on the CIN episodes for this child overlap',
  module: 'CINdetails',
  fields: ['CINreferralDate', 'CINclosureDate'],
  fix: 'A new episode starts on or after the previous one closed; correct the dates or merge the episodes.',
  check(child, ctx, report) {
    const eps = child.cinEpisodes;
    for (let i = 0; i < eps.length; i++) {
      const a = eps[i]!;
      const aStart = date(a.referralDate);
      if (!aStart) continue;
      for (let j = i + 1; j < eps.length; j++) {
        const b = eps[j]!;
        const bStart = date(b.referralDate);
        if (!bStart) continue;
        const aEnd = date(a.closureDate);
        const bEnd = date(b.closureDate);
        // An open referral with no further action spans no time.
        const aSpans = aEnd !== null || !isYes(a.referralNfa);
        const bSpans = bEnd !== null || !isYes(b.referralNfa);
        if (
          (aSpans && startsWithin(bStart, aStart, aEnd, ctx.referenceDate)) ||
          (bSpans && startsWithin(aStart, bStart, bEnd, ctx.referenceDate))
        ) {
          report({
            values: {
              CINreferralDate: bStart,
              CINclosureDate: bEnd,
              otherReferralDate: aStart,
              otherClosureDate: aEnd,
            },
          });
        }
      }
    }
  },
});

export const rule8565 = childRule({
  code: '8565',
  message: 'Activity shown after a case has been closed',
  module: 'CINdetails',
  fields: ['CINclosureDate'],
  fix: 'Nothing happens on an episode after it closes: check the closure date and the dates of its modules.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const close = date(ep.closureDate);
      if (!close) continue;
      const after = (field: string, d: string | null | undefined): void => {
        const v = date(d);
        if (v && v > close) report({ values: { CINclosureDate: close, [field]: v } });
      };
      for (const a of ep.assessments ?? []) {
        after('AssessmentActualStartDate', a.startDate);
        after('AssessmentAuthorisationDate', a.authorisationDate);
      }
      for (const s of ep.section47s ?? []) after('S47ActualStartDate', s.startDate);
      for (const c of icpcDates(ep)) after('DateOfInitialCPC', c.date);
      for (const p of ep.childProtectionPlans ?? []) after('CPPendDate', p.endDate);
      for (const p of ep.cinPlans ?? []) {
        after('CINPlanStartDate', p.startDate);
        after('CINPlanEndDate', p.endDate);
      }
    }
  },
});

export const rules = [rule8815, rule8816, rule8820, rule8565];
