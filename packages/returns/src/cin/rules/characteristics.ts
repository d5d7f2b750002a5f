/** Ethnicity and disability: 4220, 8540, 8790, 8794 and the return-level 2887Q and 2888Q. */
import { DISABILITY, ETHNICITY } from '../../model/codes.ts';
import { childRule, returnRule } from './define.ts';
import { isNo } from './helpers.ts';

export const rule4220 = childRule({
  code: '4220',
  message: 'Ethnicity is missing or invalid (see Ethnicity table)',
  module: 'ChildCharacteristics',
  fields: ['Ethnicity'],
  fix: 'Record one of the 20 ethnicity codes (WBRI … NOBT; REFU if refused, NOBT if not yet obtained).',
  check(child, _ctx, report) {
    if (!child.ethnicity || !ETHNICITY.has(child.ethnicity))
      report({ values: { Ethnicity: child.ethnicity ?? null } });
  },
});

export const rule8540 = childRule({
  code: '8540',
  message: 'Child’s disability is missing or invalid (see Disability table)',
  module: 'Disabilities',
  fields: ['Disability'],
  fix: 'Record the child’s disabilities with the codes MOB, HAND, PC, INC, COMM, LD, HEAR, VIS, BEH, CON, AUT, DDA, or NONE.',
  check(child, _ctx, report) {
    const ds = child.disabilities ?? [];
    for (const d of ds) if (!DISABILITY.has(d)) report({ values: { Disability: d } });
    // Missing: a born child with a referral going on to further action and no disability code (NONE if none).
    if (ds.length === 0 && child.birthDate && child.cinEpisodes.some((e) => isNo(e.referralNfa)))
      report({ values: { Disability: null } });
  },
});

export const rule8790 = childRule({
  code: '8790',
  message: 'Disability information includes both None and other values',
  module: 'Disabilities',
  fields: ['Disability'],
  fix: 'Remove NONE when the child has a disability, or remove the other codes.',
  check(child, _ctx, report) {
    // NONE in any letter case, as the D2I validator reads it; every other value beside it is reported.
    const ds = child.disabilities ?? [];
    const isNone = (d: string) => d.toUpperCase() === 'NONE';
    if (!ds.some(isNone)) return;
    for (const d of ds) if (!isNone(d)) report({ values: { Disability: d, Disabilities: ds.join(',') } });
  },
});

export const rule8794 = childRule({
  code: '8794',
  message: 'Child has two or more disabilities with the same code',
  module: 'Disabilities',
  fields: ['Disability'],
  fix: 'Record each disability code once.',
  check(child, _ctx, report) {
    const seen = new Set<string>();
    for (const d of child.disabilities ?? []) {
      if (seen.has(d)) report({ values: { Disability: d } });
      seen.add(d);
    }
  },
});

export const rule2887Q = returnRule({
  code: '2887Q',
  message:
    'Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return',
  module: 'Disabilities',
  fields: ['Disability'],
  fix: 'Few distinct disability codes suggests disabilities are under-recorded; check the records.',
  check(children, _ctx, report) {
    if (children.length === 0) return;
    const used = new Set<string>();
    for (const c of children)
      for (const d of c.disabilities ?? []) if (d !== 'NONE' && DISABILITY.has(d)) used.add(d);
    if (used.size < 8) report({ values: { codesUsed: used.size, codes: [...used].sort().join(',') } });
  },
});

export const rule2888Q = returnRule({
  code: '2888Q',
  message:
    'Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.',
  module: 'Disabilities',
  fields: ['Disability'],
  fix: 'Record every disability a child has, not only the main one.',
  check(children, _ctx, report) {
    let disabled = 0;
    let most = 0;
    for (const c of children) {
      const n = (c.disabilities ?? []).filter((d) => d !== 'NONE').length;
      if (n > 0) disabled += 1;
      most = Math.max(most, n);
    }
    if (disabled > 0 && most <= 1)
      report({ values: { childrenWithDisability: disabled, mostCodesForOneChild: most } });
  },
});

export const rules = [rule4220, rule8540, rule8790, rule8794, rule2887Q, rule2888Q];
