/** UPN rules: 1510–1560Q (format and check letter), 8770Q (UPN expected), 8772 (UN7). */
import { isValidLaCode, upnCheckLetter } from '@waypoint/identifiers';
import { addDays, addMonths, addYears } from '../../dates.ts';
import { date, isNo } from './helpers.ts';
import { FROM_2024_25, UNTIL_2023_24, childRule, returnRule } from './define.ts';

/** True when three characters are an LA code rule 1530 recognises (one list, in @waypoint/identifiers). */
export const isUpnLaCode = isValidLaCode;

/** 2023/24: UN1 (not of school age) and UN7 (NFA) do not explain a missing UPN for a child over 5. */
const OVER_FIVE_REASONS = new Set(['UN2', 'UN3', 'UN4', 'UN5', 'UN6']);

const UPN_FIX =
  'Correct the UPN from the school record (the DfE UPN Guide), or leave it blank and give UPNunknown.';

export const rule1510 = childRule({
  code: '1510',
  message: 'UPN invalid (wrong check letter at character 1)',
  module: 'ChildIdentifiers',
  fields: ['UPN'],
  fix: UPN_FIX,
  check(child, _ctx, report) {
    const upn = child.upn?.toUpperCase();
    if (!upn || upn.length !== 13) return;
    const expected = upnCheckLetter(upn.slice(1));
    if (expected !== null && expected !== upn[0])
      report({ values: { UPN: child.upn ?? null, expectedCheckLetter: expected } });
  },
});

export const rule1520 = returnRule({
  code: '1520',
  message: 'More than one record with the same UPN.',
  module: 'ChildIdentifiers',
  fields: ['UPN'],
  fix: 'Each child has their own UPN: find the records sharing it and correct or merge them.',
  check(children, _ctx, report) {
    const seen = new Map<string, number>();
    for (const c of children) if (c.upn) seen.set(c.upn, (seen.get(c.upn) ?? 0) + 1);
    for (const c of children) {
      if (c.upn && (seen.get(c.upn) ?? 0) > 1)
        report({ child: c.laChildId || null, values: { UPN: c.upn, records: seen.get(c.upn) ?? 0 } });
    }
  },
});

export const rule1530 = childRule({
  code: '1530',
  message: 'UPN invalid (characters 2-4 not a recognised LA code)',
  module: 'ChildIdentifiers',
  fields: ['UPN'],
  fix: UPN_FIX,
  check(child, _ctx, report) {
    const upn = child.upn;
    if (upn && upn.length === 13 && !isUpnLaCode(upn.slice(1, 4))) report({ values: { UPN: upn } });
  },
});

export const rule1540 = childRule({
  code: '1540',
  message: 'UPN invalid (characters 5-12 not all numeric)',
  module: 'ChildIdentifiers',
  fields: ['UPN'],
  fix: UPN_FIX,
  check(child, _ctx, report) {
    const upn = child.upn;
    if (upn && upn.length === 13 && !/^\d{8}$/.test(upn.slice(4, 12))) report({ values: { UPN: upn } });
  },
});

export const rule1550 = childRule({
  code: '1550',
  message: 'UPN invalid (character 13 not a recognised value)',
  module: 'ChildIdentifiers',
  fields: ['UPN'],
  fix: UPN_FIX,
  check(child, _ctx, report) {
    const upn = child.upn;
    if (upn && upn.length === 13 && !/^[0-9A-HJ-NP-RT-Y]$/.test(upn.slice(12).toUpperCase()))
      report({ values: { UPN: upn } });
  },
});

export const rule1560Q = childRule({
  code: '1560Q',
  message: 'Please check and either amend or provide a reason: Former UPN wrongly formatted',
  module: 'ChildIdentifiers',
  fields: ['FormerUPN'],
  fix: 'A former UPN has 13 characters (a check letter, 11 digits, a digit or letter) and a correct check letter. Correct it or leave it blank.',
  check(child, _ctx, report) {
    const f = child.formerUpn;
    if (!f) return;
    const wellFormed = /^[A-Za-z]\d{11}[0-9A-HJ-NP-RT-Ya-hj-np-rt-y]$/.test(f);
    if (!wellFormed || upnCheckLetter(f.slice(1)) !== f[0]!.toUpperCase())
      report({ values: { FormerUPN: f } });
  },
});

const hasFurtherAction = (child: Parameters<typeof rule1510.check>[0]): boolean =>
  child.cinEpisodes.some((e) => isNo(e.referralNfa));

export const rule8770Q_2023 = childRule({
  code: '8770Q',
  years: UNTIL_2023_24,
  message:
    'Please check and either amend data or provide a reason: UPN or reason UPN missing expected for a child who is more than 5 years old',
  module: 'ChildIdentifiers',
  fields: ['UPN', 'UPNunknown'],
  fix: 'Give the UPN of a child over 5, or the reason it is not known (UN2–UN6).',
  check(child, ctx, report) {
    const dob = date(child.birthDate);
    if (!dob || child.upn || !hasFurtherAction(child)) return;
    if (child.upnUnknown && OVER_FIVE_REASONS.has(child.upnUnknown.toUpperCase())) return;
    // Over 5: the sixth birthday is on or before the reference date.
    if (addYears(dob, 6) <= ctx.referenceDate)
      report({ values: { PersonBirthDate: dob, UPN: null, UPNunknown: child.upnUnknown ?? null } });
  },
});

const SCHOOL_AGE_REASONS = new Set(['UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7']);

export const rule8770Q = childRule({
  code: '8770Q',
  years: FROM_2024_25,
  message:
    'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
  module: 'ChildIdentifiers',
  fields: ['UPN', 'UPNunknown'],
  fix: 'A child of school age should have a UPN, or a reason UN2–UN7 (UN1 means "not of school age").',
  check(child, ctx, report) {
    const dob = date(child.birthDate);
    if (!dob || child.upn || !hasFurtherAction(child)) return;
    if (child.upnUnknown && SCHOOL_AGE_REASONS.has(child.upnUnknown.toUpperCase())) return;
    // School age: aged 4 or more on 31 August after the reference date.
    const schoolStart = addDays(addMonths(ctx.referenceDate, 4), 31);
    if (dob <= addYears(schoolStart, -4))
      report({ values: { PersonBirthDate: dob, UPN: null, UPNunknown: child.upnUnknown ?? null } });
  },
});

export const rule8772 = childRule({
  code: '8772',
  message:
    'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  module: 'ChildIdentifiers',
  fields: ['UPNunknown'],
  fix: 'UN7 is only for a child whose referrals all led to no further action: record the UPN or another reason.',
  check(child, _ctx, report) {
    if (child.upnUnknown?.toUpperCase() === 'UN7' && hasFurtherAction(child))
      report({ values: { UPNunknown: child.upnUnknown } });
  },
});

export const rules = [
  rule1510,
  rule1520,
  rule1530,
  rule1540,
  rule1550,
  rule1560Q,
  rule8770Q_2023,
  rule8770Q,
  rule8772,
];
