/** OC3 rules: care leavers (who should have the information, and what it may say). */
import type { ChildView } from '../validate/child.ts';
import type { Rule903 } from '../validate/types.ts';
import { rule } from './define.ts';
import { blank, daysBetween, filled } from './helpers.ts';

const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
const ceasedCare = (rec: string | undefined): boolean => filled(rec) && rec !== 'X1';

/** Reports every OC3 row of the child when `when` holds. */
const oc3When = (code: string, when: (c: ChildView) => boolean, extra: { needs?: 'last'[] } = {}): Rule903 =>
  rule({
    code,
    ...extra,
    check(c, report) {
      if (c.rows('OC3').length > 0 && when(c)) for (const r of c.rows('OC3')) report('OC3', r, 'IN_TOUCH');
    },
  });

/** The child's 17th or 18th birthday falls in the year and `fn` holds on it. */
const birthdayInYear = (c: ChildView, fn: (day: string) => boolean): boolean =>
  [17, 18].some((n) => {
    const b = c.birthday(n);
    return b !== null && b >= c.ctx.start && b <= c.ctx.end && fn(b);
  });

const lookedAfterOn = (c: ChildView, day: string): boolean =>
  c.episodes.some((e) => e.decom !== null && e.decom <= day && (e.dec === null || e.dec > day));

export const CARE_LEAVER_RULES: Rule903[] = [
  oc3When('1000', (c) => c.episodes.some((e) => e.row.REC === 'E2')),
  oc3When(
    '1001',
    (c) => {
      const b14 = c.birthday(14);
      const b16 = c.birthday(16);
      if (!b14 || !b16) return false;
      let days = 0;
      let after16 = false;
      for (const e of [...c.lastEpisodes, ...c.episodes]) {
        if (e.decom === null) continue;
        const to = e.dec ?? c.ctx.end;
        const from = e.decom > b14 ? e.decom : b14;
        if (to > from) days += daysBetween(from, to);
        if (to > b16) after16 = true;
      }
      return c.episodes.length + c.lastEpisodes.length > 0 && (days < 91 || !after16);
    },
    { needs: ['last'] },
  ),
  oc3When('1002', (c) => c.episodes.length === 0 && c.lastEpisodes.length === 0, { needs: ['last'] }),
  oc3When('1007', (c) => birthdayInYear(c, (b) => lookedAfterOn(c, b))),
  oc3When('1010', (c) => c.episodes.length === 0 && c.lastEpisodes.some((e) => e.dec === null), {
    needs: ['last'],
  }),
  oc3When('1011', (c) => c.lastEpisode?.row.REC === 'E3'),
  oc3When('1016', (c) =>
    birthdayInYear(c, (b) => c.episodes.some((e) => ceasedCare(e.row.REC) && e.dec !== null && e.dec > b)),
  ),
  rule({
    code: '1012',
    tables: ['Episodes'],
    check(c, report) {
      if (c.rows('Episodes').length > 0) return;
      for (const t of ['PlacedAdoption', 'Missing', 'Reviews', 'AD1', 'PrevPerm', 'OC2'] as const)
        for (const r of c.rows(t)) report(t, r, 'CHILD');
    },
  }),
  rule({
    code: '1014',
    check(c, report) {
      if (c.rows('OC3').length === 0 || c.rows('Episodes').length > 0) return;
      for (const r of c.rows('UASC')) report('UASC', r, 'DUC');
    },
  }),
  rule({
    code: '134',
    check(c, report) {
      if (c.rows('OC3').length > 0) for (const r of c.rows('AD1')) report('AD1', r, 'DATE_INT');
    },
  }),
  rule({
    code: '153',
    check(c, report) {
      for (const r of c.rows('OC3')) {
        const n = OC3_FIELDS.filter((k) => filled(r[k])).length;
        if (n > 0 && n < 3)
          report(
            'OC3',
            r,
            OC3_FIELDS.find((k) => blank(r[k])),
          );
      }
    },
  }),
  rule({
    code: '344',
    check(c, report) {
      for (const r of c.rows('OC3'))
        if ((r.IN_TOUCH === 'DIED' || r.IN_TOUCH === 'RHOM') && (filled(r.ACTIV) || filled(r.ACCOM)))
          report('OC3', r, 'ACTIV');
    },
  }),
  rule({
    code: '345',
    check(c, report) {
      for (const r of c.rows('OC3'))
        if ((r.IN_TOUCH === 'YES' || r.IN_TOUCH === 'NREQ') && (r.ACTIV === '0' || r.ACCOM === '0'))
          report('OC3', r, 'ACTIV');
    },
  }),
  rule({
    code: '347',
    check(c, report) {
      const age = c.ageOn(c.ctx.end);
      for (const r of c.rows('OC3'))
        if (age !== null && age < 18 && (r.ACCOM === 'T1' || r.ACCOM === 'T2')) report('OC3', r, 'ACCOM');
    },
  }),
  rule({
    code: '391',
    check(c, report) {
      const atEnd = c.ageOn(c.ctx.end);
      const atStart = c.ageOn(c.ctx.start);
      if (atEnd === null || atStart === null) return;
      if (atEnd < 17 || atStart > 21) for (const r of c.rows('OC3')) report('OC3', r, 'DOB');
    },
  }),
  rule({
    code: '3001',
    tables: ['Header', 'OC3'],
    check(c, report) {
      const b17 = c.birthday(17);
      if (!b17 || b17 < c.ctx.start || b17 > c.ctx.end) return;
      for (const r of c.rows('OC3')) if (r.ACCOM === 'Z1' || r.ACCOM === 'Z2') report('OC3', r, 'ACCOM');
    },
  }),
  rule({
    code: '628',
    check(c, report) {
      if (c.rows('OC3').length === 0 || c.rows('Episodes').length > 0) return;
      for (const r of c.rows('Header')) if (filled(r.MOTHER)) report('Header', r, 'MOTHER');
    },
  }),
];
