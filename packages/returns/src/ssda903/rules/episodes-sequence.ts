/** Episode dates and the sequence of episodes: continuity, reasons for new episodes, overlaps. */
import type { Episode903 } from '../validate/child.ts';
import type { Rule903 } from '../validate/types.ts';
import { rule } from './define.ts';
import { blank, filled } from './helpers.ts';

const CONTINUATION = new Set(['P', 'L', 'T', 'U', 'B']);
/** The placement columns compared by rules 434–436. */
const PLACEMENT = ['PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'] as const;
const samePlacement = (a: Episode903, b: Episode903): boolean =>
  PLACEMENT.every((k) => a.row[k] === b.row[k]);

/** Calls `fn` with each episode and the one before it (in date order, within the year). */
function pairs(eps: readonly Episode903[], fn: (prev: Episode903, cur: Episode903) => void): void {
  for (let i = 1; i < eps.length; i++) fn(eps[i - 1]!, eps[i]!);
}

export const EPISODE_SEQUENCE_RULES: Rule903[] = [
  rule({
    code: '142',
    check(c, report) {
      const eps = c.episodes;
      for (let i = 0; i < eps.length - 1; i++)
        if (eps[i]!.dec === null) report('Episodes', eps[i]!.row, 'DEC');
    },
  }),
  rule({
    code: '148',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if (blank(row.DEC) !== blank(row.REC)) report('Episodes', row, blank(row.DEC) ? 'DEC' : 'REC');
    },
  }),
  rule({
    code: '353',
    check(c, report) {
      for (const e of c.episodes) if (e.decom !== null && e.decom < '1991-10-14') report('Episodes', e.row);
    },
  }),
  rule({
    code: '354',
    check(c, report) {
      for (const e of c.episodes) if (e.decom !== null && e.decom > c.ctx.end) report('Episodes', e.row);
    },
  }),
  rule({
    code: '385',
    check(c, report) {
      for (const e of c.episodes) if (e.dec !== null && e.dec > c.ctx.end) report('Episodes', e.row);
    },
  }),
  rule({
    code: '355',
    check(c, report) {
      for (const e of c.episodes) if (e.dec !== null && e.dec === e.decom) report('Episodes', e.row);
    },
  }),
  rule({
    code: '356',
    check(c, report) {
      for (const e of c.episodes)
        if (e.dec !== null && e.decom !== null && e.dec < e.decom) report('Episodes', e.row);
    },
  }),
  rule({
    code: '357',
    fix: "Check for a missing earlier episode; if there is none, the first episode's reason for new episode is S.",
    check(c, report) {
      const e = c.episodes[0];
      if (!e || e.decom === null || e.decom < c.ctx.start || e.row.RNE === 'S') return;
      if (c.lastEpisodes.some((l) => l.dec === null || l.dec === e.decom)) return;
      report('Episodes', e.row, 'RNE');
    },
  }),
  rule({
    code: '388',
    check(c, report) {
      const eps = c.episodes;
      eps.forEach((e, i) => {
        if (e.row.REC !== 'X1') return;
        const next = eps[i + 1];
        if (!next || next.decom !== e.dec) report('Episodes', e.row, 'REC');
      });
    },
  }),
  rule({
    code: '431',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (e.row.RNE === 'S' && p.dec !== null && p.dec === e.decom) report('Episodes', e.row, 'RNE');
      });
    },
  }),
  rule({
    code: '432',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (filled(p.row.REC) && p.row.REC !== 'X1' && filled(e.row.RNE) && e.row.RNE !== 'S')
          report('Episodes', e.row, 'RNE');
      });
    },
  }),
  rule({
    code: '433',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (CONTINUATION.has(e.row.RNE ?? '') && p.dec !== null && e.decom !== null && p.dec !== e.decom)
          report('Episodes', e.row, 'DECOM');
      });
    },
  }),
  rule({
    code: '434',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (e.row.RNE === 'L' && (e.row.LS === p.row.LS || !samePlacement(p, e)))
          report('Episodes', e.row, 'RNE');
      });
    },
  }),
  rule({
    code: '435',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (e.row.RNE === 'P' && (e.row.LS !== p.row.LS || samePlacement(p, e)))
          report('Episodes', e.row, 'LS');
      });
    },
  }),
  rule({
    code: '436',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (e.row.RNE === 'B' && (e.row.LS === p.row.LS || samePlacement(p, e)))
          report('Episodes', e.row, 'RNE');
      });
    },
  }),
  rule({
    code: '437',
    check(c, report) {
      const eps = c.episodes;
      eps.forEach((e, i) => {
        if ((e.row.REC === 'E2' || e.row.REC === 'E15') && i < eps.length - 1)
          report('Episodes', e.row, 'REC');
      });
    },
  }),
  rule({
    code: '501',
    check(c, report) {
      pairs(c.episodes, (p, e) => {
        if (p.dec !== null && e.decom !== null && e.decom < p.dec) report('Episodes', e.row, 'DECOM');
      });
    },
  }),
  rule({
    code: '504',
    check(c, report) {
      let startCin: string | null = null;
      for (const e of c.episodes) {
        if (e.row.RNE === 'S' || startCin === null) startCin = e.row.CIN ?? '';
        else if (e.row.CIN !== startCin) report('Episodes', e.row, 'CIN');
        if (filled(e.row.REC) && e.row.REC !== 'X1') startCin = null;
      }
    },
  }),
];
