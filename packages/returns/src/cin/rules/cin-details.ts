/** CIN details fields: 8568, 8590, 8600, 8606, 8610, 8620, 8630, 8640, 8650, 8805, 8810, 8866, 8569Q. */
import { addDays } from '../../dates.ts';
import { addWorkingDays } from '../../calendar/bank-holidays.ts';
import { PRIMARY_NEED, REASON_FOR_CLOSURE, REFERRAL_SOURCE } from '../../model/codes.ts';
import { childRule } from './define.ts';
import { date, flagValue, inCensusYear, isNo } from './helpers.ts';

export const rule8568 = childRule({
  code: '8568',
  message: 'RNFA flag is missing or invalid',
  module: 'CINdetails',
  fields: ['ReferralNFA'],
  fix: 'Record ReferralNFA as true or false for every referral.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (typeof ep.referralNfa !== 'boolean')
        report({ values: { CINreferralDate: ep.referralDate, ReferralNFA: flagValue(ep.referralNfa) } });
    }
  },
});

export const rule8590 = childRule({
  code: '8590',
  message: 'Child does not have a recorded CIN episode.',
  module: 'CINdetails',
  fields: ['CINreferralDate'],
  fix: 'A child in the census has at least one CIN details module; remove the child or add the episode.',
  check(child, _ctx, report) {
    if (child.cinEpisodes.length === 0) report({ values: {} });
  },
});

export const rule8600 = childRule({
  code: '8600',
  message: 'Child referral date missing or after data collection period',
  module: 'CINdetails',
  fields: ['CINreferralDate'],
  fix: 'Give the referral date; a referral after 31 March belongs in next year’s return.',
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes) {
      const ref = date(ep.referralDate);
      if (!ref || ref > ctx.referenceDate) report({ values: { CINreferralDate: ep.referralDate } });
    }
  },
});

export const rule8606 = childRule({
  code: '8606',
  message: 'Child referral date is more than 40 weeks before DOB or expected DOB',
  module: 'CINdetails',
  fields: ['CINreferralDate', 'PersonBirthDate', 'ExpectedPersonBirthDate'],
  fix: 'Check the referral date and the (expected) date of birth.',
  check(child, _ctx, report) {
    const births = [date(child.birthDate), date(child.expectedBirthDate)].filter(
      (d): d is string => d !== null,
    );
    if (births.length === 0) return;
    const earliest = births
      .map((b) => addDays(b, -280))
      .sort()
      .pop()!;
    for (const ep of child.cinEpisodes) {
      const ref = date(ep.referralDate);
      if (ref && ref < earliest)
        report({
          values: {
            CINreferralDate: ref,
            PersonBirthDate: child.birthDate ?? null,
            ExpectedPersonBirthDate: child.expectedBirthDate ?? null,
          },
        });
    }
  },
});

export const rule8610 = childRule({
  code: '8610',
  message: 'Primary Need code is missing for a referral which led to further action.',
  module: 'CINdetails',
  fields: ['PrimaryNeedCode'],
  fix: 'Record the primary need code (N0–N9) of every referral that led to further action.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (isNo(ep.referralNfa) && !ep.primaryNeedCode)
        report({ values: { CINreferralDate: ep.referralDate, ReferralNFA: 'false', PrimaryNeedCode: null } });
    }
  },
});

export const rule8620 = childRule({
  code: '8620',
  message: 'CIN Closure Date present and does not fall within the Census year',
  module: 'CINdetails',
  fields: ['CINclosureDate'],
  fix: 'The closure date falls in the census year: an episode closed before 1 April does not belong in the return, and one closing after 31 March was still open at the census date.',
  // A closure date that is not a real date (2025-04-31) is a schema error (xs:date), reported by
  // the schema check as the DfE's collection does, not a date outside the year (as D2I reads it).
  check(child, ctx, report) {
    for (const ep of child.cinEpisodes) {
      const closed = date(ep.closureDate);
      if (closed && !inCensusYear(closed, ctx)) report({ values: { CINclosureDate: closed } });
    }
  },
});

export const rule8630 = childRule({
  code: '8630',
  message: 'CIN Closure Date is before CIN Referral Date for the same CIN episode',
  module: 'CINdetails',
  fields: ['CINclosureDate', 'CINreferralDate'],
  fix: 'Check the referral and closure dates of the episode.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      const ref = date(ep.referralDate);
      const close = date(ep.closureDate);
      if (ref && close && close < ref) report({ values: { CINclosureDate: close, CINreferralDate: ref } });
    }
  },
});

export const rule8640 = childRule({
  code: '8640',
  message: 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
  module: 'CINdetails',
  fields: ['ReasonForClosure'],
  fix: 'Use a reason for closure code RC1–RC9.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (ep.closureReason && !REASON_FOR_CLOSURE.has(ep.closureReason))
        report({ values: { ReasonForClosure: ep.closureReason } });
    }
  },
});

export const rule8650 = childRule({
  code: '8650',
  message: 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  module: 'CINdetails',
  fields: ['PrimaryNeedCode'],
  fix: 'Use a primary need code N0–N9.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (ep.primaryNeedCode && !PRIMARY_NEED.has(ep.primaryNeedCode))
        report({ values: { PrimaryNeedCode: ep.primaryNeedCode } });
    }
  },
});

export const rule8805 = childRule({
  code: '8805',
  message: 'A CIN case cannot have a CIN closure date without a Reason for Closure',
  module: 'CINdetails',
  fields: ['ReasonForClosure', 'CINclosureDate'],
  fix: 'Record why the case closed (RC1–RC9).',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (ep.closureDate && !ep.closureReason)
        report({ values: { CINclosureDate: ep.closureDate, ReasonForClosure: null } });
    }
  },
});

export const rule8810 = childRule({
  code: '8810',
  message: 'A CIN case cannot have a Reason for Closure without a CIN Closure Date',
  module: 'CINdetails',
  fields: ['CINclosureDate', 'ReasonForClosure'],
  fix: 'Record the closure date, or remove the reason for closure if the case is still open.',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (ep.closureReason && !ep.closureDate)
        report({ values: { ReasonForClosure: ep.closureReason, CINclosureDate: null } });
    }
  },
});

export const rule8866 = childRule({
  code: '8866',
  message: 'Source of Referral is missing or an invalid code',
  module: 'CINdetails',
  fields: ['ReferralSource'],
  fix: 'Record the referral source code (1A … 10).',
  check(child, _ctx, report) {
    for (const ep of child.cinEpisodes) {
      if (!ep.referralSource || !REFERRAL_SOURCE.has(ep.referralSource))
        report({ values: { ReferralSource: ep.referralSource ?? null } });
    }
  },
});

export const rule8569Q = childRule({
  code: '8569Q',
  message:
    'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  module: 'CINdetails',
  fields: ['ReferralNFA', 'CINreferralDate'],
  fix: 'A referral open at the start of the year led to further action: check ReferralNFA.',
  check(child, ctx, report) {
    const cutoff = addWorkingDays(ctx.censusStart, -1);
    for (const ep of child.cinEpisodes) {
      const ref = date(ep.referralDate);
      if (ref && ref < cutoff && !isNo(ep.referralNfa))
        report({ values: { CINreferralDate: ref, ReferralNFA: flagValue(ep.referralNfa) } });
    }
  },
});

export const rules = [
  rule8568,
  rule8590,
  rule8600,
  rule8606,
  rule8610,
  rule8620,
  rule8630,
  rule8640,
  rule8650,
  rule8805,
  rule8810,
  rule8866,
  rule8569Q,
];
