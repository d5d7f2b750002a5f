/** Social worker episode rules (SW…STG1 from 2023/24, SW…STG2 the second stage). */
import { addYears } from '../../dates.ts';
import type { ChildView } from '../validate/child.ts';
import type { Row903, Rule903 } from '../validate/types.ts';
import { RESPITE_LS, SW_REASON_CODES } from './codes.ts';
import { FROM_2024_25, rule } from './define.ts';
import { blank, dt, filled } from './helpers.ts';

interface Sw {
  r: Row903;
  from: string | null;
  to: string | null;
}

/** The child's social worker episodes, oldest first. */
const sw = (c: ChildView): Sw[] =>
  c
    .rows('SWEpisodes')
    .map((r) => ({ r, from: dt(r.SW_DECOM), to: dt(r.SW_DEC) }))
    .sort((a, b) => (a.from ?? '9999').localeCompare(b.from ?? '9999'));

const swRule = (
  code: string,
  bad: (s: Sw, c: ChildView) => string | false,
  years?: typeof FROM_2024_25,
): Rule903 =>
  rule({
    code,
    years,
    check(c, report) {
      for (const s of sw(c)) {
        const f = bad(s, c);
        if (f) report('SWEpisodes', s.r, f);
      }
    },
  });

/** Episodes 1…n-1 with their predecessor. */
const swPairs = (code: string, bad: (p: Sw, s: Sw, c: ChildView) => string | false): Rule903 =>
  rule({
    code,
    check(c, report) {
      const all = sw(c);
      for (let i = 1; i < all.length; i++) {
        const f = bad(all[i - 1]!, all[i]!, c);
        if (f) report('SWEpisodes', all[i]!.r, f);
      }
    },
  });

/** The first day of the reporting of reasons: 1 April 2023, when the social worker items began. */
const REASONS_FROM = '2023-04-01';

export const SOCIAL_WORKER_RULES: Rule903[] = [
  rule({
    code: 'SW01STG1',
    check(c, report) {
      if (c.rows('SWEpisodes').length > 0) return;
      const end = c.ctx.end;
      for (const e of c.episodes)
        if (
          e.decom !== null &&
          e.decom <= end &&
          (e.dec === null || e.dec > end) &&
          !RESPITE_LS.has(e.row.LS ?? '')
        )
          report('Episodes', e.row, 'DEC');
    },
  }),
  rule({
    code: 'SW01aSTG1',
    years: FROM_2024_25,
    message: 'For each social worker episode, information should be complete',
    fields: ['SW_DECOM', 'SW_ID'],
    tables: ['SWEpisodes'],
    check(c, report) {
      for (const s of sw(c))
        if (s.from === null || (s.from < REASONS_FROM && blank(s.r.SW_ID)))
          report('SWEpisodes', s.r, 'SW_ID');
    },
  }),
  rule({
    code: 'SW01bSTG1',
    years: FROM_2024_25,
    message: 'For each social worker episode, information should be complete',
    fields: ['SW_DECOM', 'SW_ID', 'SW_REASON'],
    tables: ['SWEpisodes'],
    check(c, report) {
      for (const s of sw(c))
        if (s.from === null || (s.from >= REASONS_FROM && (blank(s.r.SW_ID) || blank(s.r.SW_REASON))))
          report('SWEpisodes', s.r, blank(s.r.SW_ID) ? 'SW_ID' : 'SW_REASON');
    },
  }),
  swRule('SW03STG1', (s) => (blank(s.r.SW_ID) || blank(s.r.SW_DECOM)) && 'SW_ID'),
  swRule('SW06STG2', (s, c) => s.from !== null && s.from > c.ctx.end && 'SW_DECOM'),
  swRule('SW07STG2', (s, c) => s.to !== null && (s.to < c.ctx.start || s.to > c.ctx.end) && 'SW_DEC'),
  swRule('SW09STG2', (s) => s.to !== null && s.to === s.from && 'SW_DEC'),
  rule({
    code: 'SW108STG2',
    check(c, report) {
      const all = sw(c);
      for (let i = 0; i < all.length - 1; i++)
        if (all[i]!.to === null) report('SWEpisodes', all[i]!.r, 'SW_DEC');
    },
  }),
  swPairs('SW10STG2', (p, s) => p.to !== null && s.from !== null && s.from < p.to && 'SW_DECOM'),
  swPairs('SW11STG2', (p, s, c) => p.to !== null && p.to < c.ctx.end && s.from !== p.to && 'SW_DECOM'),
  rule({
    code: 'SW12STG2',
    check(c, report) {
      const all = sw(c);
      const prevStart = addYears(c.ctx.start, -1);
      for (const e of c.episodes) {
        const r = e.row;
        if (RESPITE_LS.has(r.LS ?? '')) continue;
        if (e.dec !== null && (e.dec < prevStart || e.dec > c.ctx.end)) continue;
        const starts = r.RNE === 'S';
        const ends = filled(r.REC) && r.REC !== 'X1';
        if (!starts && !ends) continue;
        const ok =
          all.length > 0 &&
          all.every(
            (s) =>
              s.from !== null &&
              ((starts && e.decom !== null && s.from >= e.decom) ||
                (ends && e.dec !== null && s.from <= e.dec)),
          );
        if (!ok) report('Episodes', r, 'DECOM');
      }
    },
  }),
  rule({
    code: 'SW13STG1',
    check(c, report) {
      const all = sw(c);
      const start = c.ctx.start;
      // The episode open on 1 April (or the first of the year) may carry no reason: it began before.
      const carried = all.filter((s) => s.from !== null && s.from < start).at(-1);
      const allowed =
        carried && (carried.to === null || carried.to >= start)
          ? carried
          : all.find((s) => s.from !== null && s.from >= start);
      for (const s of all) {
        if (SW_REASON_CODES.has(s.r.SW_REASON ?? '')) continue;
        if (s === allowed && blank(s.r.SW_REASON)) continue;
        report('SWEpisodes', s.r, 'SW_REASON');
      }
    },
  }),
  rule({
    code: 'SW14STG2',
    check(c, report) {
      const all = sw(c);
      for (let i = 0; i < all.length - 1; i++)
        if (all[i]!.to === null) report('SWEpisodes', all[i]!.r, 'SW_DEC');
    },
  }),
  swRule(
    'SW15STG2',
    (s, c) => blank(s.r.SW_REASON) && !(s.from !== null && s.from < addYears(c.ctx.start, -1)) && 'SW_REASON',
  ),
];
