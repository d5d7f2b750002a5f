/** Assessments: dates (1103, 8608, 8696, 8736, 8867, 8670Q), factors (8614, 8869, 8897Q, 8898, 8873Q, 8945Q, 8950Q). */
import { addWorkingDays } from '../../calendar/bank-holidays.ts';
import type { Assessment, Child, CinEpisode } from '../../model/types.ts';
import { FROM_2024_25, childRule } from './define.ts';
import { date, inCensusYear } from './helpers.ts';

/** Calls `fn` for every assessment of every episode of the child. */
function eachAssessment(child: Child, fn: (a: Assessment, ep: CinEpisode) => void): void {
  for (const ep of child.cinEpisodes) for (const a of ep.assessments ?? []) fn(a, ep);
}

const factorsOf = (a: Assessment): string[] => a.factors ?? [];

export const rule1103 = childRule({
  code: '1103',
  message: 'The assessment start date cannot be before the referral date',
  module: 'Assessments',
  fields: ['AssessmentActualStartDate', 'CINreferralDate'],
  fix: 'Check the assessment start date and the referral date.',
  check(child, _ctx, report) {
    eachAssessment(child, (a, ep) => {
      const s = date(a.startDate);
      const r = date(ep.referralDate);
      if (s && r && s < r) report({ values: { AssessmentActualStartDate: s, CINreferralDate: r } });
    });
  },
});

export const rule8608 = childRule({
  code: '8608',
  message: 'Assessment Start Date cannot be later than its End Date',
  module: 'Assessments',
  fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
  fix: 'Check the assessment start and authorisation dates.',
  check(child, _ctx, report) {
    eachAssessment(child, (a) => {
      const s = date(a.startDate);
      const e = date(a.authorisationDate);
      if (s && e && s > e)
        report({ values: { AssessmentActualStartDate: s, AssessmentAuthorisationDate: e } });
    });
  },
});

export const rule8614 = childRule({
  code: '8614',
  message: 'Parental or child factors at assessment should only be present for a completed assessment.',
  module: 'Assessments',
  fields: ['AssessmentFactors', 'AssessmentAuthorisationDate'],
  fix: 'Record the factors when the assessment is authorised, or add the authorisation date.',
  check(child, _ctx, report) {
    eachAssessment(child, (a) => {
      if (factorsOf(a).length > 0 && !a.authorisationDate)
        report({
          values: {
            AssessmentActualStartDate: a.startDate,
            AssessmentFactors: factorsOf(a).join(','),
            AssessmentAuthorisationDate: null,
          },
        });
    });
  },
});

export const rule8696 = childRule({
  code: '8696',
  message: 'Assessment end date must fall within the census year',
  module: 'Assessments',
  fields: ['AssessmentAuthorisationDate'],
  fix: 'The authorisation date falls in the census year: an assessment authorised before 1 April does not belong in the return, and one after 31 March was still open at the census date. Check the date.',
  check(child, ctx, report) {
    eachAssessment(child, (a) => {
      if (a.authorisationDate && !(date(a.authorisationDate) && inCensusYear(a.authorisationDate, ctx)))
        report({ values: { AssessmentAuthorisationDate: a.authorisationDate } });
    });
  },
});

export const rule8736 = childRule({
  code: '8736',
  message: 'For an Assessment that has not been completed, the start date must fall within the census year',
  module: 'Assessments',
  fields: ['AssessmentActualStartDate'],
  fix: 'An assessment open at 31 March started in the census year: check its start date, or record its authorisation.',
  check(child, ctx, report) {
    eachAssessment(child, (a) => {
      const s = date(a.startDate);
      if (!a.authorisationDate && s && !inCensusYear(s, ctx))
        report({ values: { AssessmentActualStartDate: s, AssessmentAuthorisationDate: null } });
    });
  },
});

export const rule8867 = childRule({
  code: '8867',
  message: 'CIN episode is shown as closed, however Assessment is not shown as completed',
  module: 'Assessments',
  fields: ['AssessmentAuthorisationDate', 'CINclosureDate'],
  fix: 'Record the authorisation date of the assessment before the episode closes.',
  check(child, _ctx, report) {
    eachAssessment(child, (a, ep) => {
      if (ep.closureDate && !a.authorisationDate)
        report({
          values: {
            CINclosureDate: ep.closureDate,
            AssessmentActualStartDate: a.startDate,
            AssessmentAuthorisationDate: null,
          },
        });
    });
  },
});

export const rule8670Q = childRule({
  code: '8670Q',
  message:
    'Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
  module: 'Assessments',
  fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
  fix: 'An assessment open for more than 45 working days: record its authorisation date, or explain the delay.',
  check(child, ctx, report) {
    const cutoff = addWorkingDays(ctx.referenceDate, -45);
    eachAssessment(child, (a) => {
      const s = date(a.startDate);
      if (s && s < cutoff && !a.authorisationDate)
        report({ values: { AssessmentActualStartDate: s, AssessmentAuthorisationDate: null, cutoff } });
    });
  },
});

export const rule8869 = childRule({
  code: '8869',
  message:
    'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.',
  module: 'Assessments',
  fields: ['AssessmentFactors'],
  fix: '21 means no factors were identified: remove it, or remove the other factors.',
  check(child, _ctx, report) {
    eachAssessment(child, (a) => {
      const f = factorsOf(a);
      if (f.includes('21') && f.some((x) => x !== '21'))
        report({ values: { AssessmentFactors: f.join(',') } });
    });
  },
});

export const rule8897Q = childRule({
  code: '8897Q',
  message: 'Parental or child factors at assessment information is missing from a completed assessment',
  module: 'Assessments',
  fields: ['AssessmentFactors'],
  fix: 'Record the factors identified at a completed assessment (21 if none).',
  check(child, _ctx, report) {
    eachAssessment(child, (a) => {
      if (a.authorisationDate && factorsOf(a).length === 0)
        report({ values: { AssessmentAuthorisationDate: a.authorisationDate, AssessmentFactors: null } });
    });
  },
});

export const rule8898 = childRule({
  code: '8898',
  message: 'The assessment has more than one parental or child factors with the same code',
  module: 'Assessments',
  fields: ['AssessmentFactors'],
  fix: 'Record each factor once.',
  check(child, _ctx, report) {
    eachAssessment(child, (a) => {
      const seen = new Set<string>();
      for (const f of factorsOf(a)) {
        if (seen.has(f)) report({ values: { AssessmentActualStartDate: a.startDate, AssessmentFactors: f } });
        seen.add(f);
      }
    });
  },
});

export const rule8873Q = childRule({
  code: '8873Q',
  message:
    "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
  module: 'CINdetails',
  fields: ['ReasonForClosure', 'AssessmentFactors'],
  fix: 'An episode closed after one assessment that found no factors is RC8 or RC9.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const only = ep.assessments?.length === 1 ? ep.assessments[0] : undefined;
      if (!only?.authorisationDate || !factorsOf(only).includes('21') || !ep.closureReason) continue;
      if (ep.closureReason !== 'RC8' && ep.closureReason !== 'RC9')
        report({ values: { ReasonForClosure: ep.closureReason, AssessmentFactors: '21' } });
    }
  },
});

function retiredFactor(code: '8945Q' | '8950Q', factor: string, message: string) {
  return childRule({
    code,
    years: FROM_2024_25,
    message,
    module: 'Assessments',
    fields: ['AssessmentFactors'],
    fix: `Replace ${factor} with the child-on-child (B) or adult-on-child (C) code.`,
    check(child, _ctx, report) {
      eachAssessment(child, (a) => {
        if (factorsOf(a).includes(factor))
          report({ values: { AssessmentActualStartDate: a.startDate, AssessmentFactors: factor } });
      });
    },
  });
}

export const rule8945Q = retiredFactor(
  '8945Q',
  '18A',
  "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
);
export const rule8950Q = retiredFactor(
  '8950Q',
  '19A',
  "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
);

export const rules = [
  rule1103,
  rule8608,
  rule8614,
  rule8696,
  rule8736,
  rule8867,
  rule8670Q,
  rule8869,
  rule8897Q,
  rule8898,
  rule8873Q,
  rule8945Q,
  rule8950Q,
];
