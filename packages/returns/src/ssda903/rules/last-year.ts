/** Rules that compare this year's return with last year's (run only when last year's is loaded). */
import type { ChildView, Episode903 } from '../validate/child.ts';
import type { Row903, Rule903 } from '../validate/types.ts';
import { UPN_UNKNOWN_903 } from './codes.ts';
import { FROM_2024_25, UNTIL_2024_25, rule } from './define.ts';
import { blank, dt, filled } from './helpers.ts';

/** Sex codes changed from 1/2 to M/F in 2024/25: compare them as one. */
const SEX = (s: string | undefined): string => (s === '1' ? 'M' : s === '2' ? 'F' : (s ?? ''));

/** A Header column that must match last year's. */
const sameAsLast = (code: string, col: string, norm: (v: string) => string = (v) => v): Rule903 =>
  rule({
    code,
    check(c, report) {
      const h = c.header;
      const l = c.lastHeader;
      if (h && l && filled(l[col]) && filled(h[col]) && norm(h[col]) !== norm(l[col]))
        report('Header', h, col);
    },
  });

/** Last year's episode open at its end, and this year's first episode. */
const carried = (c: ChildView): { last: Episode903; first: Episode903 } | null => {
  const last = c.lastEpisodes.at(-1);
  const first = c.episodes[0];
  return last && first && last.dec === null ? { last, first } : null;
};

const matchesOpen = (code: string, col: string, years?: typeof FROM_2024_25): Rule903 =>
  rule({
    code,
    years,
    tables: ['Episodes'],
    needs: ['last'],
    check(c, report) {
      const p = carried(c);
      if (p && p.first.decom === p.last.decom && (p.first.row[col] ?? '') !== (p.last.row[col] ?? ''))
        report('Episodes', p.first.row, col);
    },
  });

const lastUasc = (c: ChildView): string => c.lastHeader?.UASC ?? (c.lastRows('UASC').length > 0 ? '1' : '0');
const duc = (rows: readonly Row903[]): string | null => dt(rows[0]?.DUC);

export const LAST_YEAR_RULES: Rule903[] = [
  sameAsLast('202', 'SEX', SEX),
  sameAsLast('203', 'DOB'),
  sameAsLast('204', 'ETHNIC'),
  rule({
    code: '205A',
    check(c, report) {
      if (lastUasc(c) !== '1' || c.uasc === '1' || !c.header) return;
      const d = duc(c.lastRows('UASC'));
      if (d === null || d >= c.ctx.start) report('Header', c.header, 'UASC');
    },
  }),
  rule({
    code: '205B',
    check(c, report) {
      if (lastUasc(c) !== '1' || c.uasc !== '1') return;
      const before = duc(c.lastRows('UASC'));
      for (const r of c.rows('UASC')) if (before !== null && dt(r.DUC) !== before) report('UASC', r, 'DUC');
    },
  }),
  rule({
    code: '205C',
    check(c, report) {
      const h = c.header;
      if (!h || h.UASC !== '0' || lastUasc(c) === '1') return;
      for (const r of c.rows('UASC')) if (filled(r.DUC)) report('UASC', r, 'DUC');
    },
  }),
  rule({
    code: '205D',
    check(c, report) {
      if (c.uasc !== '1' || !c.lastHeader || lastUasc(c) === '1' || !c.header) return;
      report('Header', c.header, 'UASC');
    },
  }),
  rule({
    code: '207',
    check(c, report) {
      const h = c.header;
      if (h && c.lastHeader?.MOTHER === '1' && h.MOTHER !== '1') report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: '208',
    check(c, report) {
      const h = c.header;
      const l = c.lastHeader?.UPN ?? '';
      if (h && filled(l) && !UPN_UNKNOWN_903.has(l) && h.UPN !== l) report('Header', h, 'UPN');
    },
  }),
  rule({
    code: '502',
    check(c, report) {
      const p = carried(c);
      if (p && p.first.decom !== p.last.decom) report('Episodes', p.first.row, 'DECOM');
    },
  }),
  matchesOpen('503A', 'RNE'),
  matchesOpen('503B', 'LS'),
  matchesOpen('503C', 'CIN'),
  matchesOpen('503D', 'PLACE', UNTIL_2024_25),
  rule({
    code: '503D',
    years: ['2025-26'],
    tables: ['Episodes'],
    needs: ['last'],
    check(c, report) {
      // From 2025/26 a Z1 placement last year may continue as Z11–Z14, and H5 as K3.
      const p = carried(c);
      if (!p || p.first.decom !== p.last.decom) return;
      const was = p.last.row.PLACE ?? '';
      const now = p.first.row.PLACE ?? '';
      const ok = now === was || (was === 'Z1' && /^Z1[1-4]$/.test(now)) || (was === 'H5' && now === 'K3');
      if (!ok) report('Episodes', p.first.row, 'PLACE');
    },
  }),
  matchesOpen('503E', 'PLACE_PROVIDER'),
  matchesOpen('503F', 'URN'),
  rule({
    code: '559',
    check(c, report) {
      const before = new Set(c.lastRows('PlacedAdoption').map((r) => dt(r.DATE_PLACED)));
      for (const r of c.rows('PlacedAdoption')) {
        const d = dt(r.DATE_PLACED);
        if (d && d < c.ctx.start && !before.has(d)) report('PlacedAdoption', r, 'DATE_PLACED');
      }
    },
  }),
  rule({
    code: '560',
    check(c, report) {
      const l = c.lastRows('PlacedAdoption').at(-1);
      if (!l || filled(l.DATE_PLACED_CEASED)) return;
      for (const r of c.rows('PlacedAdoption'))
        if (filled(r.DATE_PLACED) && filled(l.DATE_PLACED) && dt(r.DATE_PLACED) !== dt(l.DATE_PLACED))
          report('PlacedAdoption', r, 'DATE_PLACED');
    },
  }),
  rule({
    code: '561',
    check(c, report) {
      const ceased = c.lastRows('PlacedAdoption').filter((l) => filled(l.DATE_PLACED_CEASED));
      for (const r of c.rows('PlacedAdoption'))
        if (ceased.some((l) => dt(l.DATE_PLACED) === dt(r.DATE_PLACED)) && blank(r.DATE_PLACED_CEASED))
          report('PlacedAdoption', r, 'DATE_PLACED');
    },
  }),
  rule({
    code: '584',
    check(c, report) {
      const l = c.lastRows('PlacedAdoption').at(-1);
      const q = dt(l?.DATE_PLACED_CEASED);
      if (!l || q === null) return;
      for (const r of c.rows('PlacedAdoption')) {
        const d = dt(r.DATE_PLACED);
        if (d && d !== dt(l.DATE_PLACED) && d < q) report('PlacedAdoption', r, 'DATE_PLACED');
      }
    },
  }),
  rule({
    code: '562',
    check(c, report) {
      const first = c.episodes[0];
      if (!first?.decom || first.decom >= c.ctx.start || c.lastEpisodes.length === 0) return;
      if (!c.lastEpisodes.some((l) => l.decom === first.decom)) report('Episodes', first.row, 'DECOM');
    },
  }),
  rule({
    code: '576',
    tables: ['Missing'],
    check(c, report) {
      const now = new Set(c.rows('Missing').map((r) => dt(r.MIS_START)));
      for (const l of c.lastRows('Missing'))
        if (blank(l.MIS_END) && filled(l.MIS_START) && !now.has(dt(l.MIS_START))) {
          const row = c.rows('Missing')[0] ?? c.header;
          if (row) report(c.rows('Missing')[0] ? 'Missing' : 'Header', row, 'CHILD');
        }
    },
  }),
  rule({
    code: '624',
    check(c, report) {
      const h = c.header;
      const l = c.lastHeader;
      if (h && l && filled(h.MC_DOB) && filled(l.MC_DOB) && dt(h.MC_DOB) !== dt(l.MC_DOB))
        report('Header', h, 'MC_DOB');
    },
  }),
  rule({
    code: '626',
    check(c, report) {
      const h = c.header;
      const mc = dt(h?.MC_DOB);
      if (h?.MOTHER === '1' && mc && mc < c.ctx.start && c.lastHeader?.MOTHER === '0')
        report('Header', h, 'MOTHER');
    },
  }),
  rule({
    code: 'NoE',
    check(c, report) {
      const first = c.episodes[0];
      if (first?.decom && first.decom < c.ctx.start && c.lastEpisodes.length === 0)
        report('Episodes', first.row, 'DECOM');
    },
  }),
  ...(
    [
      ['SW16aSTG2', 'SW_ID'],
      ['SW16bSTG2', 'SW_DECOM'],
      ['SW16cSTG2', 'SW_REASON'],
    ] as const
  ).map(([code, col]) =>
    rule({
      code,
      years: code === 'SW16bSTG2' ? undefined : UNTIL_2024_25,
      check(c, report) {
        const open = c.lastRows('SWEpisodes').find((r) => blank(r.SW_DEC));
        const first = [...c.rows('SWEpisodes')].sort((a, b) =>
          (dt(a.SW_DECOM) ?? '').localeCompare(dt(b.SW_DECOM) ?? ''),
        )[0];
        if (!open || !first) return;
        const same = col === 'SW_DECOM' ? dt(open.SW_DECOM) === dt(first.SW_DECOM) : open[col] === first[col];
        if (!same) report('SWEpisodes', first, col);
      },
    }),
  ),
];
