/** LA child ID rules: 8500 (missing), 8510 (duplicate), 1570 (length) and 1580 (characters) from 2024/25. */
import { FROM_2024_25, childRule, returnRule } from './define.ts';

export const rule8500 = childRule({
  code: '8500',
  message: 'LA Child ID missing',
  module: 'ChildIdentifiers',
  fields: ['LAchildID'],
  fix: "Every child needs the LA's own identifier for them.",
  check(child, _ctx, report) {
    if (!child.laChildId || !child.laChildId.trim())
      report({ values: { LAchildID: child.laChildId || null } });
  },
});

export const rule8510 = returnRule({
  code: '8510',
  message: 'More than one child record with the same LA Child ID',
  module: 'ChildIdentifiers',
  fields: ['LAchildID'],
  fix: 'Each child appears once, with all their CIN episodes under one record: merge the duplicates.',
  check(children, _ctx, report) {
    const count = new Map<string, number>();
    for (const c of children) if (c.laChildId) count.set(c.laChildId, (count.get(c.laChildId) ?? 0) + 1);
    for (const [id, n] of count) if (n > 1) report({ child: id, values: { LAchildID: id, records: n } });
  },
});

export const rule1570 = childRule({
  code: '1570',
  years: FROM_2024_25,
  message: 'LA Child ID must not be longer than 20 characters',
  module: 'ChildIdentifiers',
  fields: ['LAchildID'],
  fix: 'Shorten the LA child ID to 20 characters or fewer.',
  check(child, _ctx, report) {
    if (child.laChildId && child.laChildId.length > 20)
      report({ values: { LAchildID: child.laChildId, length: child.laChildId.length } });
  },
});

export const rule1580 = childRule({
  code: '1580',
  years: FROM_2024_25,
  message: 'LA Child ID must not contain any non-alphanumeric characters',
  module: 'ChildIdentifiers',
  fields: ['LAchildID'],
  fix: 'Use only letters and digits in the LA child ID (no spaces, hyphens or other symbols).',
  check(child, _ctx, report) {
    if (child.laChildId && /[^A-Za-z0-9]/.test(child.laChildId))
      report({ values: { LAchildID: child.laChildId } });
  },
});

export const rules = [rule8500, rule8510, rule1570, rule1580];
