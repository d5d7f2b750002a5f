/** Section 47 enquiries: 2889, 8615, 8740, 8868, 8675Q, 2991Q, 8870Q. */
import { addWorkingDays } from '../../calendar/bank-holidays.ts';
import { isWeekend } from '../../dates.ts';
import type { Child, CinEpisode, Section47 } from '../../model/types.ts';
import { childRule } from './define.ts';
import { date, flagValue, inCensusYear, isYes } from './helpers.ts';

function eachS47(child: Child, fn: (s: Section47, ep: CinEpisode) => void): void {
  for (const ep of child.cinEpisodes) for (const s of ep.section47s ?? []) fn(s, ep);
}

/** Still open: no conference held and one was not ruled unnecessary. */
const isOpen = (s: Section47): boolean => !date(s.dateOfInitialCpc) && !isYes(s.icpcNotRequired);

export const rule2889 = childRule({
  code: '2889',
  message: 'The S47 start date cannot be before the referral date.',
  module: 'Section47',
  fields: ['S47ActualStartDate', 'CINreferralDate'],
  fix: 'Check the section 47 start date and the referral date.',
  check(child, _ctx, report) {
    eachS47(child, (s, ep) => {
      const d = date(s.startDate);
      const r = date(ep.referralDate);
      if (d && r && d < r) report({ values: { S47ActualStartDate: d, CINreferralDate: r } });
    });
  },
});

export const rule8615 = childRule({
  code: '8615',
  message:
    'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  module: 'Section47',
  fields: ['S47ActualStartDate', 'DateOfInitialCPC'],
  fix: 'Give the section 47 start date, on or before the conference date.',
  check(child, _ctx, report) {
    eachS47(child, (s) => {
      const d = date(s.startDate);
      const icpc = date(s.dateOfInitialCpc);
      if (!d || (icpc && d > icpc))
        report({ values: { S47ActualStartDate: s.startDate, DateOfInitialCPC: s.dateOfInitialCpc ?? null } });
    });
  },
});

export const rule8740 = childRule({
  code: '8740',
  message:
    'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  module: 'Section47',
  fields: ['S47ActualStartDate'],
  fix: 'An enquiry still open at 31 March started in the census year: check its start date, or record the conference.',
  check(child, ctx, report) {
    eachS47(child, (s) => {
      const d = date(s.startDate);
      if (d && isOpen(s) && !inCensusYear(d, ctx))
        report({ values: { S47ActualStartDate: d, DateOfInitialCPC: null } });
    });
  },
});

export const rule8868 = childRule({
  code: '8868',
  message:
    'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  module: 'Section47',
  fields: ['DateOfInitialCPC', 'ICPCnotRequired'],
  fix: 'Before the episode closes, record the conference date or that no conference was required.',
  check(child, _ctx, report) {
    eachS47(child, (s, ep) => {
      if (ep.closureDate && isOpen(s))
        report({
          values: {
            CINclosureDate: ep.closureDate,
            S47ActualStartDate: s.startDate,
            ICPCnotRequired: flagValue(s.icpcNotRequired),
          },
        });
    });
  },
});

export const rule8675Q = childRule({
  code: '8675Q',
  message:
    'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  module: 'Section47',
  fields: ['S47ActualStartDate', 'DateOfInitialCPC'],
  fix: 'An enquiry open for more than 15 working days: record the conference date, or that none was required, or explain.',
  check(child, ctx, report) {
    const cutoff = addWorkingDays(ctx.referenceDate, -15);
    eachS47(child, (s) => {
      const d = date(s.startDate);
      if (d && d < cutoff && isOpen(s))
        report({ values: { S47ActualStartDate: d, DateOfInitialCPC: null, cutoff } });
    });
  },
});

export const rule2991Q = childRule({
  code: '2991Q',
  message:
    'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode',
  module: 'Section47',
  fields: ['S47ActualStartDate'],
  fix: 'A section 47 enquiry normally comes with an assessment: add it to the episode, or explain.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if ((ep.section47s?.length ?? 0) > 0 && (ep.assessments?.length ?? 0) === 0)
        report({
          values: {
            CINreferralDate: ep.referralDate,
            S47ActualStartDate: ep.section47s?.[0]?.startDate ?? null,
            assessments: 0,
          },
        });
    }
  },
});

export const rule8870Q = childRule({
  code: '8870Q',
  message:
    'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend',
  module: 'Section47',
  fields: ['InitialCPCtarget'],
  fix: 'Conferences are held on working days: check the target date.',
  check(child, _ctx, report) {
    eachS47(child, (s) => {
      const t = date(s.icpcTarget);
      if (t && isWeekend(t)) report({ values: { InitialCPCtarget: t } });
    });
  },
});

export const rules = [rule2889, rule8615, rule8740, rule8868, rule8675Q, rule2991Q, rule8870Q];
