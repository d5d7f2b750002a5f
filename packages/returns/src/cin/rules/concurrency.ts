/** Assessments and section 47 enquiries running at the same time: 8863Q, 8896, 8839, 8890. */
import type { CinEpisode } from '../../model/types.ts';
import { childRule } from './define.ts';
import { date, isYes, startsWithin } from './helpers.ts';

interface Span {
  start: string;
  end: string | null;
}

/** Reports each pair of spans where one starts while the other is running. */
function overlapping(spans: Span[], openEnd: string, report: (a: Span, b: Span) => void): void {
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i]!;
      const b = spans[j]!;
      if (startsWithin(b.start, a.start, a.end, openEnd) || startsWithin(a.start, b.start, b.end, openEnd))
        report(a, b);
    }
  }
}

const assessmentSpans = (eps: readonly CinEpisode[]): Span[] =>
  eps.flatMap((ep) =>
    (ep.assessments ?? []).flatMap((a) =>
      date(a.startDate) ? [{ start: a.startDate!, end: date(a.authorisationDate) }] : [],
    ),
  );

/** A section 47 is complete at its conference, or when the conference was not required (on its start date). */
const s47Spans = (eps: readonly CinEpisode[]): Span[] =>
  eps.flatMap((ep) =>
    (ep.section47s ?? []).flatMap((s) =>
      date(s.startDate)
        ? [
            {
              start: s.startDate!,
              end: date(s.dateOfInitialCpc) ?? (isYes(s.icpcNotRequired) ? s.startDate! : null),
            },
          ]
        : [],
    ),
  );

export const rule8863Q = childRule({
  code: '8863Q',
  message: 'An Assessment is shown as starting when there is another Assessment ongoing.',
  module: 'Assessments',
  fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
  fix: 'Finish (authorise) one assessment before the next starts, or correct the dates.',
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes)
      overlapping(assessmentSpans([ep]), ctx.referenceDate, (a, b) => {
        report({
          values: {
            AssessmentActualStartDate: b.start,
            otherStartDate: a.start,
            otherAuthorisationDate: a.end,
          },
        });
      });
  },
});

export const rule8896 = childRule({
  code: '8896',
  message: 'Within one CINDetails group there are 2 or more open Assessments groups',
  module: 'Assessments',
  fields: ['AssessmentAuthorisationDate'],
  fix: 'An episode has at most one open assessment: authorise or remove the others.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const open = (ep.assessments ?? []).filter((a) => !a.authorisationDate);
      if (open.length > 1)
        report({ values: { CINreferralDate: ep.referralDate, openAssessments: open.length } });
    }
  },
});

export const rule8839 = childRule({
  code: '8839',
  message: 'Within one CINDetails group there are 2 or more open S47 Assessments',
  module: 'Section47',
  fields: ['DateOfInitialCPC', 'ICPCnotRequired'],
  fix: 'An episode has at most one open section 47: record the conference date or that none was required.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const open = (ep.section47s ?? []).filter((s) => !s.dateOfInitialCpc && !isYes(s.icpcNotRequired));
      if (open.length > 1)
        report({ values: { CINreferralDate: ep.referralDate, openSection47s: open.length } });
    }
  },
});

export const rule8890 = childRule({
  code: '8890',
  message: 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
  module: 'Section47',
  fields: ['S47ActualStartDate'],
  fix: 'Complete one section 47 enquiry before the next starts, or correct the dates.',
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes)
      overlapping(s47Spans([ep]), ctx.referenceDate, (a, b) => {
        report({ values: { S47ActualStartDate: b.start, otherStartDate: a.start, otherEndDate: a.end } });
      });
  },
});

export const rules = [rule8863Q, rule8896, rule8839, rule8890];
