/** OC2 rules: outcomes for children looked after continuously for 12 months (health, SDQ, convictions). */
import type { ChildView } from '../validate/child.ts';
import type { Row903, Rule903 } from '../validate/types.ts';
import { rule } from './define.ts';
import { blank, filled } from './helpers.ts';

const HEALTH = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;
const OTHER = ['CONVICTED', 'HEALTH_CHECK', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const;
const ALL_ITEMS = [...HEALTH, ...OTHER];

/** The child's age at the start and at the end of the year. */
const ages = (c: ChildView): { atStart: number | null; atEnd: number | null } => ({
  atStart: c.ageOn(c.ctx.start),
  atEnd: c.ageOn(c.ctx.end),
});

/** A rule over each OC2 row. */
const oc2 = (code: string, bad: (r: Row903, c: ChildView) => string | false): Rule903 =>
  rule({
    code,
    check(c, report) {
      for (const r of c.rows('OC2')) {
        const field = bad(r, c);
        if (field) report('OC2', r, field);
      }
    },
  });

const sdqAgeBand = (c: ChildView): boolean => {
  const { atStart, atEnd } = ages(c);
  return atStart !== null && atEnd !== null && atStart >= 4 && atEnd <= 16;
};

export const OC2_RULES: Rule903[] = [
  oc2('157', (r, c) => c.continuouslyLookedAfter && r.SDQ_REASON === 'SDQ1' && sdqAgeBand(c) && 'SDQ_REASON'),
  oc2(
    '158',
    (r) => r.INTERVENTION_RECEIVED === '1' && filled(r.INTERVENTION_OFFERED) && 'INTERVENTION_OFFERED',
  ),
  oc2(
    '159',
    (r) =>
      r.SUBSTANCE_MISUSE === '1' &&
      r.INTERVENTION_RECEIVED === '0' &&
      blank(r.INTERVENTION_OFFERED) &&
      'INTERVENTION_OFFERED',
  ),
  oc2(
    '182',
    (r) =>
      HEALTH.some((k) => blank(r[k])) &&
      OTHER.some((k) => filled(r[k])) &&
      (HEALTH.find((k) => blank(r[k])) ?? false),
  ),
  oc2('185', (r, c) => !c.continuouslyLookedAfter && filled(r.SDQ_SCORE) && 'SDQ_SCORE'),
  oc2(
    '186',
    (r, c) =>
      c.continuouslyLookedAfter && sdqAgeBand(c) && blank(r.SDQ_SCORE) && blank(r.SDQ_REASON) && 'SDQ_SCORE',
  ),
  oc2('188', (r, c) => {
    const a = ages(c).atEnd;
    return a !== null && a < 4 && (filled(r.SDQ_SCORE) || filled(r.SDQ_REASON)) && 'SDQ_SCORE';
  }),
  oc2('189', (r, c) => {
    const a = ages(c).atStart;
    return a !== null && a >= 17 && (filled(r.SDQ_SCORE) || filled(r.SDQ_REASON)) && 'SDQ_SCORE';
  }),
  oc2('190', (r, c) => (!c.continuouslyLookedAfter && ALL_ITEMS.find((k) => filled(r[k]))) || false),
  rule({
    code: '191',
    check(c, report) {
      if (!c.continuouslyLookedAfter) return;
      const rows = c.rows('OC2');
      for (const r of rows) {
        const missing = HEALTH.find((k) => blank(r[k]));
        if (missing) report('OC2', r, missing);
      }
      const first = c.episodes[0];
      if (rows.length === 0 && first) report('Episodes', first.row, 'CHILD');
    },
  }),
  oc2('192', (r) => r.SUBSTANCE_MISUSE === '1' && blank(r.INTERVENTION_RECEIVED) && 'INTERVENTION_RECEIVED'),
  oc2(
    '193',
    (r) =>
      (blank(r.SUBSTANCE_MISUSE) || r.SUBSTANCE_MISUSE === '0') &&
      (filled(r.INTERVENTION_RECEIVED) || filled(r.INTERVENTION_OFFERED)) &&
      'INTERVENTION_RECEIVED',
  ),
  oc2('197a', (r) => filled(r.SDQ_SCORE) && filled(r.SDQ_REASON) && 'SDQ_REASON'),
  oc2('197B', (r, c) => {
    const { atStart, atEnd } = ages(c);
    if (!c.continuouslyLookedAfter || atStart === null || atEnd === null) return false;
    const edge = (atStart < 4 && atEnd >= 4) || (atStart < 17 && atEnd >= 17);
    return edge && blank(r.SDQ_SCORE) && blank(r.SDQ_REASON) && 'SDQ_REASON';
  }),
  oc2('198', (r, c) => !c.continuouslyLookedAfter && filled(r.SDQ_REASON) && 'SDQ_REASON'),
  oc2('542', (r, c) => {
    const a = ages(c).atEnd;
    return a !== null && a < 10 && filled(r.CONVICTED) && 'CONVICTED';
  }),
  oc2('543', (r, c) => {
    const a = ages(c).atEnd;
    return c.continuouslyLookedAfter && a !== null && a >= 10 && blank(r.CONVICTED) && 'CONVICTED';
  }),
  oc2('544', (r) => (filled(r.CONVICTED) && HEALTH.find((k) => blank(r[k]))) || false),
  oc2('545', (r, c) => {
    const a = ages(c).atEnd;
    return c.continuouslyLookedAfter && a !== null && a < 5 && blank(r.HEALTH_CHECK) && 'HEALTH_CHECK';
  }),
  oc2('546', (r, c) => {
    const a = ages(c).atEnd;
    return a !== null && a >= 5 && filled(r.HEALTH_CHECK) && 'HEALTH_CHECK';
  }),
  oc2('547', (r) => (r.HEALTH_CHECK === '1' && HEALTH.find((k) => blank(r[k]))) || false),
  rule({
    code: '187',
    check(c, report) {
      if (!c.continuouslyLookedAfter) return;
      for (const r of c.rows('AD1')) report('AD1', r, 'DATE_INT');
      for (const r of c.rows('OC3')) report('OC3', r, 'IN_TOUCH');
    },
  }),
  rule({
    code: '215',
    check(c, report) {
      if (c.rows('OC3').length === 0) return;
      for (const r of c.rows('OC2')) {
        const f = ALL_ITEMS.find((k) => filled(r[k]));
        if (f) report('OC2', r, f);
      }
    },
  }),
];
