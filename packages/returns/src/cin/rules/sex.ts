/** Sex and gender: 4180, 8750 and 2886Q, in their 2023/24 (GenderCurrent) and 2024/25 (Sex) versions. */
import { FROM_2024_25, UNTIL_2023_24, childRule, returnRule } from './define.ts';
import { genderCurrentOf, sexOf } from './helpers.ts';

const GENDER_CODES = new Set(['0', '1', '2', '9']);
const SEX_CODES = new Set(['M', 'F', 'U']);

export const rule4180_2023 = childRule({
  code: '4180',
  years: UNTIL_2023_24,
  message: 'Gender is missing',
  module: 'ChildIdentifiers',
  fields: ['GenderCurrent'],
  fix: 'Record GenderCurrent: 1 male, 2 female, 9 indeterminate, 0 not recorded or unborn.',
  check(child, _ctx, report) {
    const g = genderCurrentOf(child);
    if (g === null || !GENDER_CODES.has(g)) report({ values: { GenderCurrent: g } });
  },
});

export const rule4180 = childRule({
  code: '4180',
  years: FROM_2024_25,
  message: 'Sex must be provided and equal M, F, or U',
  module: 'ChildIdentifiers',
  fields: ['Sex'],
  fix: 'Record Sex as M, F or U.',
  check(child, _ctx, report) {
    const s = sexOf(child);
    if (s === null || !SEX_CODES.has(s)) report({ values: { Sex: s } });
  },
});

export const rule8750_2023 = childRule({
  code: '8750',
  years: UNTIL_2023_24,
  message: 'Gender must equal 0 for an unborn child',
  module: 'ChildIdentifiers',
  fields: ['GenderCurrent', 'ExpectedPersonBirthDate'],
  fix: 'An unborn child (with an expected date of birth) has GenderCurrent 0; once born, remove the expected date.',
  check(child, _ctx, report) {
    const g = genderCurrentOf(child);
    if (child.expectedBirthDate && g !== '0')
      report({ values: { GenderCurrent: g, ExpectedPersonBirthDate: child.expectedBirthDate ?? null } });
  },
});

export const rule8750 = childRule({
  code: '8750',
  years: FROM_2024_25,
  message: 'Sex must equal U for an unborn child',
  module: 'ChildIdentifiers',
  fields: ['Sex', 'ExpectedPersonBirthDate'],
  fix: 'An unborn child (with an expected date of birth) has Sex U; once born, remove the expected date.',
  check(child, _ctx, report) {
    const s = sexOf(child);
    if (child.expectedBirthDate && s !== 'U')
      report({ values: { Sex: s, ExpectedPersonBirthDate: child.expectedBirthDate ?? null } });
  },
});

function ratioCheck(field: 'GenderCurrent' | 'Sex', missing: (v: string | null) => boolean) {
  return (
    children: readonly Parameters<typeof sexOf>[0][],
    report: (f: { values: Record<string, number | string> }) => void,
  ): void => {
    if (children.length === 0) return;
    let n = 0;
    for (const c of children) {
      const v = field === 'Sex' ? sexOf(c) : genderCurrentOf(c);
      if (missing(v) && !c.expectedBirthDate) n += 1;
    }
    const pct = (100 * n) / children.length;
    if (n / children.length > 0.02)
      report({
        values: { childrenWithout: n, children: children.length, percent: Math.round(pct * 100) / 100 },
      });
  };
}

export const rule2886Q_2023 = returnRule({
  code: '2886Q',
  years: UNTIL_2023_24,
  message:
    'Please check and either amend or provide a reason: Percentage of children with no gender recorded is more than 2% (excluding unborns)',
  module: 'ChildIdentifiers',
  fields: ['GenderCurrent'],
  fix: 'Record the gender of the children who have none (GenderCurrent missing or 0), or explain why it is not known.',
  check(children, _ctx, report) {
    ratioCheck('GenderCurrent', (v) => v === null || v === '0')(children, report);
  },
});

export const rule2886Q = returnRule({
  code: '2886Q',
  years: FROM_2024_25,
  message:
    'Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)',
  module: 'ChildIdentifiers',
  fields: ['Sex'],
  fix: 'Record the sex of the children who have none (Sex missing or U), or explain why it is not known.',
  check(children, _ctx, report) {
    ratioCheck('Sex', (v) => v === null || v === 'U')(children, report);
  },
});

export const rules = [rule4180_2023, rule4180, rule8750_2023, rule8750, rule2886Q_2023, rule2886Q];
