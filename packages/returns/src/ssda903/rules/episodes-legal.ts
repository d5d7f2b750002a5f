/** Legal status and reason-ceased rules: durations, ages and the combinations the Children Act allows. */
import type { ChildView, Episode903 } from '../validate/child.ts';
import type { Rule903 } from '../validate/types.ts';
import { RESPITE_LS, TEMP_PLACES } from './codes.ts';
import { rule } from './define.ts';
import { daysBetween, filled } from './helpers.ts';

/**
 * Runs of consecutive episodes under one legal status (each starting the day the last ended); an
 * open episode counts to the end of the year.
 */
function statusRuns(c: ChildView, ls: string): { eps: Episode903[]; days: number }[] {
  const runs: { eps: Episode903[]; from: string; to: string }[] = [];
  let cur: (typeof runs)[number] | null = null;
  for (const e of c.episodes) {
    if (e.row.LS !== ls || e.decom === null) {
      cur = null;
      continue;
    }
    const to = e.dec ?? c.ctx.end;
    if (cur && cur.to === e.decom) {
      cur.eps.push(e);
      if (to > cur.to) cur.to = to;
    } else runs.push((cur = { eps: [e], from: e.decom, to }));
  }
  return runs.map((r) => ({ eps: r.eps, days: daysBetween(r.from, r.to) }));
}

const maxDays = (code: string, ls: string, days: number): Rule903 =>
  rule({
    code,
    check(c, report) {
      for (const run of statusRuns(c, ls))
        if (run.days > days) for (const e of run.eps) report('Episodes', e.row, 'LS');
    },
  });

/** Rules on the child's age when an episode ends for a reason. */
const ageAtEnd = (code: string, recs: string[], bad: (age: number) => boolean): Rule903 =>
  rule({
    code,
    check(c, report) {
      for (const e of c.episodes) {
        if (!recs.includes(e.row.REC ?? '') || e.dec === null) continue;
        const age = c.ageOn(e.dec);
        if (age !== null && bad(age)) report('Episodes', e.row, 'REC');
      }
    },
  });

const CUT = '2005-12-30';

export const EPISODE_LEGAL_RULES: Rule903[] = [
  rule({
    code: '352',
    check(c, report) {
      for (const e of c.episodes) {
        const age = c.ageOn(e.decom);
        if (e.row.RNE === 'S' && age !== null && age >= 18) report('Episodes', e.row, 'RNE');
      }
    },
  }),
  rule({
    code: '358',
    check(c, report) {
      for (const e of c.episodes) {
        const age = c.ageOn(e.decom);
        if (['J1', 'J2', 'J3'].includes(e.row.LS ?? '') && age !== null && age < 10)
          report('Episodes', e.row, 'LS');
      }
    },
  }),
  rule({
    code: '359',
    check(c, report) {
      const b18 = c.birthday(18);
      if (!b18 || b18 > c.ctx.end) return;
      for (const e of c.episodes) {
        if (e.dec !== null && e.dec <= b18) continue;
        if (!(e.row.LS === 'V2' && ['K1', 'K2', 'H5', 'P2', 'R1'].includes(e.row.PLACE ?? '')))
          report('Episodes', e.row, 'LS');
      }
    },
  }),
  maxDays('361', 'L1', 3),
  maxDays('362', 'L2', 21),
  maxDays('363', 'L3', 7),
  maxDays('364', 'J2', 21),
  rule({
    code: '365',
    check(c, report) {
      for (const e of c.episodes)
        if (e.row.LS === 'V3' && e.decom !== null && daysBetween(e.decom, e.dec ?? c.ctx.end) > 17)
          report('Episodes', e.row, 'LS');
    },
  }),
  rule({
    code: '366',
    check(c, report) {
      for (const e of c.episodes)
        if (e.row.LS === 'V3' && filled(e.row.RNE) && e.row.RNE !== 'S') report('Episodes', e.row, 'RNE');
    },
  }),
  rule({
    code: '367',
    check(c, report) {
      const { start, end } = c.ctx;
      const v3 = c.episodes.filter((e) => e.row.LS === 'V3' && e.decom !== null);
      let total = 0;
      const counted: Episode903[] = [];
      for (const e of v3) {
        const from = e.decom! < start ? start : e.decom!;
        const to = e.dec === null || e.dec > end ? end : e.dec;
        const d = daysBetween(from, to);
        if (d > 0) {
          total += d;
          counted.push(e);
        }
      }
      if (total > 75) for (const e of counted) report('Episodes', e.row, 'LS');
    },
  }),
  rule({
    code: '378',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if (row.PLACE === 'P1' && row.LS === 'V2') report('Episodes', row, 'LS');
    },
  }),
  rule({
    code: '382',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if (RESPITE_LS.has(row.LS ?? '') && TEMP_PLACES.has(row.PLACE ?? ''))
          report('Episodes', row, 'PLACE');
    },
  }),
  rule({
    code: '384',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if (RESPITE_LS.has(row.LS ?? '') && (row.PLACE === 'U1' || row.PLACE === 'U4'))
          report('Episodes', row, 'PLACE');
    },
  }),
  ageAtEnd('386', ['E11', 'E12'], (a) => a >= 18),
  ageAtEnd('387', ['E5', 'E6'], (a) => a < 14),
  ageAtEnd('389', ['E7'], (a) => a < 16),
  ageAtEnd('407', ['E45', 'E46', 'E47', 'E48'], (a) => a >= 18),
  ageAtEnd('460', ['E17'], (a) => a < 18),
  rule({
    code: '408',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if ((row.PLACE === 'A5' || row.PLACE === 'A6') && row.LS !== 'E1' && row.LS !== 'D1')
          report('Episodes', row, 'LS');
    },
  }),
  rule({
    code: '426',
    check(c, report) {
      const eps = c.rows('Episodes');
      if (eps.some((r) => r.LS === 'V3') && eps.some((r) => r.LS === 'V4'))
        for (const r of eps) if (RESPITE_LS.has(r.LS ?? '')) report('Episodes', r, 'LS');
    },
  }),
  rule({
    code: '445',
    check(c, report) {
      for (const e of c.episodes)
        if (e.row.LS === 'D1' && e.decom !== null && e.decom > CUT) report('Episodes', e.row, 'LS');
    },
  }),
  rule({
    code: '446',
    check(c, report) {
      for (const e of c.episodes)
        if (e.row.LS === 'E1' && e.decom !== null && e.decom < CUT) report('Episodes', e.row, 'LS');
    },
  }),
  rule({
    code: '451',
    check(c, report) {
      const last = c.lastEpisode;
      if (last && last.row.LS === 'D1' && (last.dec === null || last.row.REC === 'X1'))
        report('Episodes', last.row, 'LS');
    },
  }),
  rule({
    code: '398',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if (RESPITE_LS.has(row.LS ?? '') && (filled(row.HOME_POST) || filled(row.PL_POST)))
          report('Episodes', row, 'HOME_POST');
    },
  }),
  rule({
    code: '199',
    fix: 'A child adopted from care who is looked after again starts a new period of care; check the episodes after the adoption.',
    check(c, report) {
      const eps = [...c.lastEpisodes, ...c.episodes];
      const adopted = eps.findIndex((e) => e.row.REC === 'E11' || e.row.REC === 'E12');
      if (adopted < 0) return;
      const after = eps[adopted]!.dec;
      for (const e of c.episodes)
        if (after !== null && e.decom !== null && e.decom >= after && e !== eps[adopted])
          report('Episodes', e.row, 'CHILD');
    },
  }),
  rule({
    code: '516',
    check(c, report) {
      for (const row of c.rows('Episodes'))
        if ((row.REC === 'E45' || row.REC === 'E46') && !/^U[1-6]$/.test(row.PLACE ?? ''))
          report('Episodes', row, 'REC');
    },
  }),
];
