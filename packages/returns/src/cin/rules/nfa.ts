/** What a closed-without-action case may not have: 4000, 8831, 8832 (no further action), 2990 and 8825Q (RC8/RC9). */
import type { CinEpisode } from '../../model/types.ts';
import { childRule } from './define.ts';
import { isNfa } from './helpers.ts';

const count = (xs: readonly unknown[] | undefined): number => xs?.length ?? 0;

export const rule4000 = childRule({
  code: '4000',
  message: 'CIN Plan details provided for a referral with no further action',
  module: 'CINplanDates',
  fields: ['CINPlanStartDate', 'ReferralNFA'],
  fix: 'A referral with a CIN plan led to further action: set ReferralNFA to false, or remove the plan.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (isNfa(ep) && count(ep.cinPlans) > 0)
        report({
          values: { CINreferralDate: ep.referralDate, ReferralNFA: 'true', cinPlans: count(ep.cinPlans) },
        });
    }
  },
});

export const rule8831 = childRule({
  code: '8831',
  message: 'Activity is recorded against a case marked as a referral with no further action',
  module: 'CINdetails',
  fields: ['ReferralNFA'],
  fix: 'A referral with an assessment, a section 47 or a conference led to further action: set ReferralNFA to false.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (!isNfa(ep)) continue;
      const modules = activity(ep);
      if (modules.length > 0)
        report({
          values: { CINreferralDate: ep.referralDate, ReferralNFA: 'true', modules: modules.join(',') },
        });
    }
  },
});

/** Activity 8831 looks for (CIN plans are rule 4000's, child protection plans rule 8832's). */
function activity(ep: CinEpisode): string[] {
  const out: string[] = [];
  if (count(ep.assessments)) out.push('Assessments');
  if (count(ep.section47s)) out.push('Section47');
  if (ep.dateOfInitialCpc) out.push('DateOfInitialCPC');
  return out;
}

export const rule8832 = childRule({
  code: '8832',
  message: 'Child Protection details provided for a referral with no further action.',
  module: 'CINdetails',
  fields: ['ReferralNFA'],
  fix: 'A referral with a child protection plan led to further action: set ReferralNFA to false.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (isNfa(ep) && count(ep.childProtectionPlans) > 0)
        report({
          values: {
            CINreferralDate: ep.referralDate,
            ReferralNFA: 'true',
            childProtectionPlans: count(ep.childProtectionPlans),
          },
        });
    }
  },
});

const CLOSED_AFTER_ASSESSMENT = new Set(['RC8', 'RC9']);

export const rule2990 = childRule({
  code: '2990',
  message:
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
  module: 'CINdetails',
  fields: ['ReasonForClosure'],
  fix: 'RC8 and RC9 mean the case closed after assessment: a case with a section 47, conference or plan needs another reason.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (!ep.closureReason || !CLOSED_AFTER_ASSESSMENT.has(ep.closureReason)) continue;
      const modules: string[] = [];
      if (count(ep.section47s)) modules.push('Section47');
      if (count(ep.childProtectionPlans)) modules.push('ChildProtectionPlans');
      if (count(ep.cinPlans)) modules.push('CINPlanDates');
      if (ep.dateOfInitialCpc) modules.push('DateOfInitialCPC');
      if (modules.length > 0)
        report({ values: { ReasonForClosure: ep.closureReason, modules: modules.join(',') } });
    }
  },
});

export const rule8825Q = childRule({
  code: '8825Q',
  message:
    'Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.',
  module: 'CINdetails',
  fields: ['ReasonForClosure'],
  fix: 'Add the assessment to the episode, or use another reason for closure.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (ep.closureReason && CLOSED_AFTER_ASSESSMENT.has(ep.closureReason) && count(ep.assessments) === 0)
        report({ values: { ReasonForClosure: ep.closureReason, assessments: 0 } });
    }
  },
});

export const rules = [rule4000, rule8831, rule8832, rule2990, rule8825Q];
