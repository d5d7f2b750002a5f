/** Birth, expected birth and death dates: 8520, 8525Q, 8530Q, 8535Q, 8545Q, 8555Q, 8585Q, 8775Q. */
import { addDays, addMonths, addYears } from '../../dates.ts';
import { childRule } from './define.ts';
import { date, inCensusYear } from './helpers.ts';

export const rule8520 = childRule({
  code: '8520',
  message:
    'Date of Birth is after data collection period (must be on or before the end of the census period)',
  module: 'ChildIdentifiers',
  fields: ['PersonBirthDate'],
  fix: 'A child born after 31 March is unborn at the census: give the expected date of birth instead.',
  check(child, ctx, report) {
    const dob = date(child.birthDate);
    if (dob && dob > ctx.referenceDate)
      report({ values: { PersonBirthDate: dob, ReferenceDate: ctx.referenceDate } });
  },
});

export const rule8525Q = childRule({
  code: '8525Q',
  message: 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  module: 'ChildIdentifiers',
  fields: ['PersonBirthDate', 'ExpectedPersonBirthDate'],
  fix: 'Give the date of birth, or for an unborn child the expected date of birth: exactly one of them.',
  check(child, _ctx, report) {
    const has = !!child.birthDate;
    const hasExpected = !!child.expectedBirthDate;
    if (has === hasExpected)
      report({
        values: {
          PersonBirthDate: child.birthDate ?? null,
          ExpectedPersonBirthDate: child.expectedBirthDate ?? null,
        },
      });
  },
});

export const rule8530Q = childRule({
  code: '8530Q',
  message:
    'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  module: 'ChildIdentifiers',
  fields: ['ExpectedPersonBirthDate'],
  fix: 'An expected date of birth falls between 30 days before and 9 months after the reference date; check it, or record the birth.',
  check(child, ctx, report) {
    const edd = date(child.expectedBirthDate);
    if (!edd) return;
    if (edd <= addDays(ctx.referenceDate, -30) || edd >= addMonths(ctx.referenceDate, 9))
      report({ values: { ExpectedPersonBirthDate: edd } });
  },
});

export const rule8535Q = childRule({
  code: '8535Q',
  message:
    'Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth',
  module: 'ChildIdentifiers',
  fields: ['PersonDeathDate', 'PersonBirthDate'],
  fix: 'Check the dates of birth and death (a child with a date of death needs a date of birth).',
  check(child, _ctx, report) {
    const dob = date(child.birthDate);
    const dod = date(child.deathDate);
    if (dod && (!dob || dod < dob)) report({ values: { PersonDeathDate: dod, PersonBirthDate: dob } });
  },
});

export const rule8545Q = childRule({
  code: '8545Q',
  message:
    "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
  module: 'ChildIdentifiers',
  fields: ['PersonDeathDate'],
  fix: 'A date of death belongs in the return only when it falls in the census year; check it.',
  check(child, ctx, report) {
    const dod = date(child.deathDate);
    if (dod && !inCensusYear(dod, ctx)) report({ values: { PersonDeathDate: dod } });
  },
});

export const rule8555Q = childRule({
  code: '8555Q',
  message: 'Child cannot be referred after its recorded date of death',
  module: 'CINdetails',
  fields: ['CINreferralDate', 'PersonDeathDate'],
  fix: 'Check the referral date and the date of death.',
  check(child, _ctx, report) {
    const dod = date(child.deathDate);
    if (!dod) return;
    for (const ep of child.cinEpisodes) {
      const ref = date(ep.referralDate);
      if (ref && ref > dod) report({ values: { CINreferralDate: ref, PersonDeathDate: dod } });
    }
  },
});

export const rule8585Q = childRule({
  code: '8585Q',
  message:
    'Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
  module: 'CINdetails',
  fields: ['ReasonForClosure', 'PersonDeathDate'],
  fix: 'Record the date of death, or correct the reason for closure.',
  check(child, _ctx, report) {
    if (child.deathDate) return;
    for (const ep of child.cinEpisodes) {
      if (ep.closureReason === 'RC2') report({ values: { ReasonForClosure: 'RC2', PersonDeathDate: null } });
    }
  },
});

export const rule8775Q = childRule({
  code: '8775Q',
  message: 'Please check and either amend data or provide a reason: Child is over 25 years old',
  module: 'ChildIdentifiers',
  fields: ['PersonBirthDate'],
  fix: 'Check the date of birth: the census is about children.',
  check(child, ctx, report) {
    const dob = date(child.birthDate);
    if (!dob) return;
    const birthday25 = addYears(dob, 25);
    if (birthday25 >= ctx.referenceDate) return;
    // Only while the child had an episode open after turning 25.
    if (child.cinEpisodes.some((e) => !e.closureDate || e.closureDate > birthday25))
      report({ values: { PersonBirthDate: dob } });
  },
});

export const rules = [rule8520, rule8525Q, rule8530Q, rule8535Q, rule8545Q, rule8555Q, rule8585Q, rule8775Q];
