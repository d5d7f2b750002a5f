/** Header rules: dates of birth, UPN, motherhood, and UASC. */
import type { Rule903 } from '../validate/types.ts';
import { addYears } from '../../dates.ts';
import { RESPITE_LS } from './codes.ts';
import { FROM_2024_25, UNTIL_2023_24, rule } from './define.ts';
import { blank, daysBetween, dt, filled } from './helpers.ts';

const female = (sex: string | undefined): boolean => sex === 'F' || sex === '2';

export const HEADER_RULES: Rule903[] = [
  rule({
    code: '165',
    tables: ['Header', 'Episodes', 'OC3'],
    check(c, report) {
      const h = c.header;
      if (!h) return;
      const { start, end } = c.ctx;
      const inYear = c.episodes.some(
        (e) =>
          !RESPITE_LS.has(e.row.LS ?? '') && e.decom !== null && e.decom <= end && (e.dec ?? end) >= start,
      );
      if (c.episodes.length === 0) return;
      const m = h.MOTHER ?? '';
      const male = h.SEX === 'M' || h.SEX === '1';
      const bad =
        (filled(m) && m !== '0' && m !== '1') ||
        (filled(m) && male) ||
        (blank(m) && female(h.SEX) && inYear) ||
        (filled(m) && female(h.SEX) && !inYear && c.rows('OC3').length > 0);
      if (bad) report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: '174',
    years: UNTIL_2023_24,
    check(c, report) {
      for (const h of c.rows('Header')) if (filled(h.MC_DOB) && h.SEX === '1') report('Header', h, 'MC_DOB');
    },
  }),
  rule({
    code: '174',
    years: FROM_2024_25,
    check(c, report) {
      for (const h of c.rows('Header')) if (filled(h.MC_DOB) && h.SEX === 'M') report('Header', h, 'MC_DOB');
    },
  }),
  rule({
    code: '209',
    check(c, report) {
      const age = c.ageOn(c.ctx.start);
      for (const h of c.rows('Header'))
        if (h.UPN === 'UN1' && age !== null && age >= 5 && age < 16) report('Header', h, 'UPN');
    },
  }),
  rule({
    code: '210',
    check(c, report) {
      const h = c.header;
      if (h?.UPN !== 'UN4') return;
      const end = c.ctx.end;
      const open = c.episodes.find(
        (e) => e.decom !== null && e.decom <= end && (e.dec === null || e.dec > end),
      );
      if (open?.decom && daysBetween(open.decom, end) > 7) report('Header', h, 'UPN');
    },
  }),
  rule({
    code: '301',
    check(c, report) {
      const dob = c.dob;
      if (dob && dob > c.ctx.end) report('Header', c.header!, 'DOB');
    },
  }),
  rule({
    code: '302',
    check(c, report) {
      const dob = c.dob;
      const first = c.episodes[0];
      if (dob && first?.decom && first.decom < dob) report('Episodes', first.row, 'DECOM');
    },
  }),
  rule({
    code: '351',
    check(c, report) {
      const age = c.ageOn(c.ctx.start);
      if (age !== null && age > 25) report('Header', c.header!, 'DOB');
    },
  }),
  rule({
    code: '393',
    check(c, report) {
      const h = c.header;
      if (!h || !female(h.SEX) || filled(h.MOTHER)) return;
      const age = c.ageOn(c.ctx.end);
      if (age !== null && age >= 11 && c.rows('Episodes').some((e) => !RESPITE_LS.has(e.LS ?? '')))
        report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: '442',
    check(c, report) {
      const h = c.header;
      if (h && blank(h.UPN) && c.rows('Episodes').length > 0) report('Header', h, 'UPN');
    },
  }),
  rule({
    code: '607',
    check(c, report) {
      const h = c.header;
      if (!h || !female(h.SEX) || filled(h.MOTHER)) return;
      const ceased = c.episodes.some(
        (e) =>
          filled(e.row.REC) &&
          e.row.REC !== 'X1' &&
          e.dec !== null &&
          e.dec >= c.ctx.start &&
          !RESPITE_LS.has(e.row.LS ?? ''),
      );
      if (ceased) report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: '611',
    check(c, report) {
      for (const h of c.rows('Header'))
        if (h.MOTHER === '1' && blank(h.MC_DOB)) report('Header', h, 'MC_DOB');
    },
  }),
  rule({
    code: '612',
    check(c, report) {
      for (const h of c.rows('Header'))
        if (filled(h.MC_DOB) && h.MOTHER !== '1') report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: '620',
    check(c, report) {
      const age = c.ageOn(c.ctx.start);
      for (const h of c.rows('Header'))
        if (h.MOTHER === '1' && age !== null && age < 11) report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: '621',
    check(c, report) {
      const dob = c.dob;
      for (const h of c.rows('Header')) {
        const mc = dt(h.MC_DOB);
        if (dob && mc && mc <= dob) report('Header', h, 'MC_DOB');
      }
    },
  }),
  rule({
    code: '625',
    check(c, report) {
      const ended = c.episodes.filter((e) => filled(e.row.REC) && e.row.REC !== 'X1' && e.dec !== null);
      const last = c.lastEpisode;
      const ceased = last && ended.includes(last) ? last.dec : null;
      for (const h of c.rows('Header')) {
        const mc = dt(h.MC_DOB);
        if (mc && (mc > c.ctx.end || (ceased && mc > ceased))) report('Header', h, 'MC_DOB');
      }
    },
  }),
  rule({
    code: '303',
    tables: ['Header', 'UASC'],
    check(c, report) {
      const flag = c.header?.UASC ?? c.uasc;
      for (const r of c.rows('UASC')) if (filled(r.DUC) && flag !== '1') report('UASC', r, 'DUC');
    },
  }),
  rule({
    code: '304',
    check(c, report) {
      const b18 = c.birthday(18);
      for (const r of c.rows('UASC')) {
        const duc = dt(r.DUC);
        const own = dt(r.DOB);
        const limit = own ? addYears(own, 18) : b18;
        if (duc && limit && duc > limit) report('UASC', r, 'DUC');
      }
    },
  }),
];
