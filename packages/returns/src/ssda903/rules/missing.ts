/** Missing and away-from-placement rules. */
import type { ChildView } from '../validate/child.ts';
import type { Row903, Rule903 } from '../validate/types.ts';
import { rule } from './define.ts';
import { blank, dt, filled } from './helpers.ts';

const each = (
  c: ChildView,
  fn: (r: Row903, start: string | null, end: string | null) => string | false,
  report: (r: Row903, f: string) => void,
) => {
  for (const r of c.rows('Missing')) {
    const f = fn(r, dt(r.MIS_START), dt(r.MIS_END));
    if (f) report(r, f);
  }
};

const missingRule = (
  code: string,
  fn: (r: Row903, start: string | null, end: string | null, c: ChildView) => string | false,
): Rule903 =>
  rule({
    code,
    check(c, report) {
      each(
        c,
        (r, s, e) => fn(r, s, e, c),
        (r, f) => {
          report('Missing', r, f);
        },
      );
    },
  });

/** The day the child ceased to be looked after (the last episode, when it ended care). */
const ceased = (c: ChildView): { day: string; row: Row903 } | null => {
  const last = c.lastEpisode;
  return last && last.dec !== null && filled(last.row.REC) && last.row.REC !== 'X1'
    ? { day: last.dec, row: last.row }
    : null;
};

export const MISSING_RULES: Rule903[] = [
  missingRule('564', (r) => filled(r.MISSING) && blank(r.MIS_START) && 'MIS_START'),
  missingRule('565', (r) => filled(r.MIS_START) && blank(r.MISSING) && 'MISSING'),
  missingRule('566', (r) => filled(r.MIS_END) && blank(r.MISSING) && 'MISSING'),
  missingRule('567', (_r, s, e) => s !== null && e !== null && e < s && 'MIS_END'),
  missingRule('570', (_r, s, _e, c) => s !== null && s > c.ctx.end && 'MIS_START'),
  missingRule('571', (_r, _s, e, c) => e !== null && (e < c.ctx.start || e > c.ctx.end) && 'MIS_END'),
  rule({
    code: '574',
    check(c, report) {
      const rows = c
        .rows('Missing')
        .map((r) => ({ r, s: dt(r.MIS_START), e: dt(r.MIS_END) }))
        .filter((x) => x.s !== null)
        .sort((a, b) => a.s!.localeCompare(b.s!));
      for (let i = 1; i < rows.length; i++) {
        const p = rows[i - 1]!;
        if (p.e === null || rows[i]!.s! < p.e) report('Missing', rows[i]!.r, 'MIS_START');
      }
    },
  }),
  rule({
    code: '575',
    check(c, report) {
      each(
        c,
        (r, s) =>
          s !== null &&
          blank(r.MIS_END) &&
          c.episodes.some((e) => e.decom !== null && e.dec !== null && e.decom <= s && s <= e.dec) &&
          'MIS_END',
        (r, f) => {
          report('Missing', r, f);
        },
      );
    },
  }),
  rule({
    code: '577',
    check(c, report) {
      if (!ceased(c)) return;
      each(
        c,
        (r) => blank(r.MIS_END) && 'MIS_END',
        (r, f) => {
          report('Missing', r, f);
        },
      );
    },
  }),
  rule({
    code: '578',
    check(c, report) {
      const end = ceased(c);
      if (!end) return;
      each(
        c,
        (_r, s) => s !== null && s > end.day && 'MIS_START',
        (r, f) => {
          report('Missing', r, f);
        },
      );
    },
  }),
  rule({
    code: '580',
    check(c, report) {
      const end = ceased(c);
      if (!end || end.row.REC === 'E8') return;
      const away = c.rows('Missing').some((r) => {
        const s = dt(r.MIS_START);
        const e = dt(r.MIS_END);
        return s !== null && s <= end.day && (e === null || e > end.day);
      });
      if (away) report('Episodes', end.row, 'REC');
    },
  }),
  rule({
    code: '581',
    check(c, report) {
      const first = c.episodes[0]?.decom;
      if (!first) return;
      each(
        c,
        (_r, s) => s !== null && s < first && 'MIS_START',
        (r, f) => {
          report('Missing', r, f);
        },
      );
    },
  }),
  rule({
    code: '586',
    tables: ['Missing'],
    check(c, report) {
      each(
        c,
        (r, s) => {
          const dob = dt(r.DOB) ?? c.dob;
          return s !== null && dob !== null && s < dob && 'MIS_START';
        },
        (r, f) => {
          report('Missing', r, f);
        },
      );
    },
  }),
];
