/** Reviews (participation by age, respite) and previous permanence rules. */
import { isValidLaCode } from '@waypoint/identifiers';
import type { Rule903 } from '../validate/types.ts';
import { RESPITE_LS } from './codes.ts';
import { rule } from './define.ts';
import { dt, filled } from './helpers.ts';

/** A previous permanence date may give only the year or month and year (`ZZ/ZZ/2014`, `ZZ/06/2014`). */
function permDate(s: string): string | null {
  const m = /^(ZZ|\d{1,2})\/(ZZ|\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) return null;
  if (m[1] === 'ZZ' || m[2] === 'ZZ') {
    if (m[1] !== 'ZZ' && m[2] === 'ZZ') return null;
    const month = m[2] === 'ZZ' ? '01' : m[2]!.padStart(2, '0');
    return dt(`01/${month}/${m[3]}`);
  }
  return dt(s);
}

/** The start of the child's latest period of care (the last episode with reason S). */
const periodStart = (eps: readonly { row: { RNE?: string }; decom: string | null }[]): string | null => {
  let s: string | null = null;
  for (const e of eps) if (e.row.RNE === 'S' && e.decom) s = e.decom;
  return s;
};

export const REVIEW_PERMANENCE_RULES: Rule903[] = [
  rule({
    code: '440',
    check(c, report) {
      for (const r of c.rows('Reviews')) {
        const age = c.ageOn(dt(r.REVIEW));
        if (r.REVIEW_CODE === 'PN0' && age !== null && age >= 4) report('Reviews', r, 'REVIEW_CODE');
      }
    },
  }),
  rule({
    code: '441',
    check(c, report) {
      for (const r of c.rows('Reviews')) {
        const age = c.ageOn(dt(r.REVIEW));
        if (/^PN[1-7]$/.test(r.REVIEW_CODE ?? '') && age !== null && age < 4)
          report('Reviews', r, 'REVIEW_CODE');
      }
    },
  }),
  rule({
    code: '399',
    check(c, report) {
      const eps = c.rows('Episodes');
      if (eps.length === 0 || !eps.every((e) => RESPITE_LS.has(e.LS ?? ''))) return;
      for (const h of c.rows('Header')) if (filled(h.MOTHER)) report('Header', h, 'MOTHER');
      for (const r of c.rows('Reviews')) report('Reviews', r, 'REVIEW');
    },
  }),
  rule({
    code: '630',
    fix: 'Add a PrevPerm row for each child who started to be looked after this year: Z1 when there was no previous permanence order, otherwise the order, its date and the LA.',
    check(c, report) {
      const perm = c.rows('PrevPerm');
      for (const e of c.episodes) {
        if (e.row.RNE !== 'S' || e.decom === null || e.decom < c.ctx.start) continue;
        const ok =
          perm.length > 0 &&
          perm.every(
            (p) =>
              filled(p.PREV_PERM) && (p.PREV_PERM === 'Z1' || (filled(p.LA_PERM) && filled(p.DATE_PERM))),
          );
        if (!ok) report('Episodes', e.row, 'RNE');
      }
    },
  }),
  rule({
    code: '632',
    check(c, report) {
      const start = periodStart(c.episodes);
      for (const p of c.rows('PrevPerm')) {
        if (!filled(p.DATE_PERM)) continue;
        const d = permDate(p.DATE_PERM);
        if (d === null || (start !== null && d > start)) report('PrevPerm', p, 'DATE_PERM');
      }
    },
  }),
  rule({
    code: '633',
    check(c, report) {
      for (const p of c.rows('PrevPerm'))
        if (filled(p.LA_PERM) && !isValidLaCode(p.LA_PERM)) report('PrevPerm', p, 'LA_PERM');
    },
  }),
  rule({
    code: '634',
    check(c, report) {
      const start = periodStart(c.episodes);
      if (start === null || start >= '2016-04-01') return;
      for (const p of c.rows('PrevPerm'))
        if (filled(p.PREV_PERM) || filled(p.LA_PERM) || filled(p.DATE_PERM))
          report('PrevPerm', p, 'PREV_PERM');
    },
  }),
  rule({
    code: '635',
    check(c, report) {
      for (const p of c.rows('PrevPerm'))
        if (p.PREV_PERM === 'Z1' && (filled(p.LA_PERM) || filled(p.DATE_PERM)))
          report('PrevPerm', p, 'LA_PERM');
    },
  }),
];
