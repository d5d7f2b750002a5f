/** Adoption rules: AD1 (children adopted in the year) and PlacedAdoption (decisions to place). */
import type { ChildView, Episode903 } from '../validate/child.ts';
import type { Row903, Rule903 } from '../validate/types.ts';
import { ADOPTED_REC, ADOPTION_PLACES, FOSTER_PLACES } from './codes.ts';
import { rule } from './define.ts';
import { blank, dt, filled } from './helpers.ts';

const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const;

/** The episode that ended care by adoption in the year. */
const adoptedEp = (c: ChildView): Episode903 | undefined =>
  c.episodes.find(
    (e) => ADOPTED_REC.has(e.row.REC ?? '') && e.dec !== null && e.dec >= c.ctx.start && e.dec <= c.ctx.end,
  );
/** The first episode placed for adoption (A3–A6). */
const placedEp = (c: ChildView): Episode903 | undefined =>
  c.episodes.find((e) => ADOPTION_PLACES.has(e.row.PLACE ?? ''));
/** The start of the latest period of care. */
const periodStart = (c: ChildView): string | null => {
  let s: string | null = null;
  for (const e of c.episodes) if (e.row.RNE === 'S' && e.decom) s = e.decom;
  return s;
};
const firstWithLs = (c: ChildView, ls: string): Episode903 | undefined =>
  c.episodes.find((e) => e.row.LS === ls && e.decom);

/** AD1 legal status of adopters → sex codes that fit it. */
const adopters = (code: string, ls: string, ok: string[]): Rule903 =>
  rule({
    code,
    check(c, report) {
      for (const r of c.rows('AD1'))
        if (r.LS_ADOPTR === ls && filled(r.SEX_ADOPTR) && !ok.includes(r.SEX_ADOPTR))
          report('AD1', r, 'SEX_ADOPTR');
    },
  });

/** PlacedAdoption rows with `fn`. */
const placed = (code: string, fn: (r: Row903, c: ChildView) => string | false): Rule903 =>
  rule({
    code,
    check(c, report) {
      for (const r of c.rows('PlacedAdoption')) {
        const f = fn(r, c);
        if (f) report('PlacedAdoption', r, f);
      }
    },
  });

const before = (a: string | null, b: string | null | undefined): boolean => a !== null && !!b && a < b;

export const ADOPTION_RULES: Rule903[] = [
  placed('1003', (r, c) => before(dt(r.DATE_PLACED), periodStart(c)) && 'DATE_PLACED'),
  placed('117', (r, c) => {
    const last = c.lastEpisode;
    const ceased = last && filled(last.row.REC) && last.row.REC !== 'X1' ? last.dec : null;
    for (const k of ['DATE_PLACED', 'DATE_PLACED_CEASED']) {
      const d = dt(r[k]);
      if (d && (d > c.ctx.end || (ceased && d > ceased))) return k;
    }
    return false;
  }),
  placed('118', (r, c) => {
    const d = dt(r.DATE_PLACED_CEASED);
    return d !== null && (d < c.ctx.start || before(d, c.episodes[0]?.decom)) && 'DATE_PLACED_CEASED';
  }),
  placed(
    '119',
    (r) => filled(r.DATE_PLACED_CEASED) !== filled(r.REASON_PLACED_CEASED) && 'REASON_PLACED_CEASED',
  ),
  rule({
    code: '151',
    check(c, report) {
      for (const r of c.rows('AD1')) {
        const n = AD1_FIELDS.filter((k) => filled(r[k])).length;
        if (n > 0 && n < AD1_FIELDS.length)
          report(
            'AD1',
            r,
            AD1_FIELDS.find((k) => blank(r[k])),
          );
      }
    },
  }),
  placed('184', (r, c) => before(dt(r.DATE_PLACED), c.dob) && 'DATE_PLACED'),
  rule({
    code: '331',
    check(c, report) {
      const p = placedEp(c);
      if (!adoptedEp(c) || !p?.decom) return;
      for (const r of c.rows('AD1')) {
        const m = dt(r.DATE_MATCH);
        if (m && m > p.decom) report('AD1', r, 'DATE_MATCH');
      }
    },
  }),
  rule({
    code: '333',
    check(c, report) {
      for (const r of c.rows('AD1')) {
        const i = dt(r.DATE_INT);
        const m = dt(r.DATE_MATCH);
        if (i && m && i > m) report('AD1', r, 'DATE_INT');
      }
    },
  }),
  rule({
    code: '334',
    check(c, report) {
      const s = periodStart(c);
      for (const r of c.rows('AD1')) if (before(dt(r.DATE_INT), s)) report('AD1', r, 'DATE_INT');
    },
  }),
  rule({
    code: '335',
    check(c, report) {
      const a = adoptedEp(c);
      if (!a) return;
      const place = a.row.PLACE ?? '';
      for (const r of c.rows('AD1'))
        if (
          (r.FOSTER_CARE === '0' && (place === 'A3' || place === 'A5')) ||
          (r.FOSTER_CARE === '1' && (place === 'A4' || place === 'A6'))
        )
          report('AD1', r, 'FOSTER_CARE');
    },
  }),
  rule({
    code: '336',
    check(c, report) {
      const eps = c.episodes;
      eps.forEach((e, i) => {
        if (e.row.PLACE !== 'A3' && e.row.PLACE !== 'A5') return;
        const prev = eps[i - 1];
        if (prev && !FOSTER_PLACES.has(prev.row.PLACE ?? '') && !ADOPTION_PLACES.has(prev.row.PLACE ?? ''))
          report('Episodes', e.row, 'PLACE');
      });
    },
  }),
  rule({
    code: '390',
    check(c, report) {
      for (const r of c.rows('Episodes'))
        if (ADOPTED_REC.has(r.REC ?? '') && !ADOPTION_PLACES.has(r.PLACE ?? '')) report('Episodes', r, 'REC');
    },
  }),
  rule({
    code: '511',
    check(c, report) {
      for (const r of c.rows('AD1'))
        if (r.NB_ADOPTR === '2' && filled(r.SEX_ADOPTR) && !['MM', 'FF', 'MF'].includes(r.SEX_ADOPTR))
          report('AD1', r, 'SEX_ADOPTR');
    },
  }),
  rule({
    code: '514',
    check(c, report) {
      for (const r of c.rows('AD1'))
        if (r.LS_ADOPTR === 'L0' && ['MM', 'FF', 'MF'].includes(r.SEX_ADOPTR ?? ''))
          report('AD1', r, 'SEX_ADOPTR');
    },
  }),
  adopters('517', 'L3', ['MF']),
  adopters('518', 'L4', ['MM', 'FF']),
  adopters('519', 'L2', ['MM', 'FF', 'MF']),
  adopters('520', 'L11', ['MF']),
  adopters('524', 'L12', ['MM', 'FF']),
  rule({
    code: '521',
    check(c, report) {
      const p = placedEp(c);
      if (!p?.decom) return;
      for (const r of c.rows('AD1')) {
        const i = dt(r.DATE_INT);
        if (i && i > p.decom) report('AD1', r, 'DATE_INT');
      }
    },
  }),
  placed('522', (r) => {
    const p = dt(r.DATE_PLACED);
    const q = dt(r.DATE_PLACED_CEASED);
    return p !== null && q !== null && p > q && 'DATE_PLACED';
  }),
  rule({
    code: '523',
    check(c, report) {
      const dates = c
        .rows('PlacedAdoption')
        .map((r) => dt(r.DATE_PLACED))
        .filter((d): d is string => d !== null);
      if (dates.length === 0) return;
      const latest = dates.sort().at(-1)!;
      for (const r of c.rows('AD1')) {
        const i = dt(r.DATE_INT);
        if (i && i !== latest) report('AD1', r, 'DATE_INT');
      }
    },
  }),
  rule({
    code: '525',
    check(c, report) {
      if (c.rows('AD1').length === 0) return;
      for (const r of c.rows('PlacedAdoption'))
        if (filled(r.DATE_PLACED_CEASED)) report('PlacedAdoption', r, 'DATE_PLACED_CEASED');
    },
  }),
  rule({
    code: '551',
    check(c, report) {
      if (c.rows('PlacedAdoption').some((r) => filled(r.DATE_PLACED))) return;
      for (const e of c.episodes)
        if (ADOPTION_PLACES.has(e.row.PLACE ?? '')) report('Episodes', e.row, 'PLACE');
    },
  }),
  rule({
    code: '552',
    check(c, report) {
      const p = placedEp(c);
      if (!p?.decom || p.decom < c.ctx.start) return;
      for (const r of c.rows('PlacedAdoption')) {
        const d = dt(r.DATE_PLACED);
        if (d && d > p.decom && !c.rows('PlacedAdoption').some((x) => (dt(x.DATE_PLACED) ?? '9') <= p.decom!))
          report('PlacedAdoption', r, 'DATE_PLACED');
      }
    },
  }),
  ...(['553:E1', '555:D1'] as const).map((spec) => {
    const [code, ls] = spec.split(':') as [string, string];
    return rule({
      code,
      check(c, report) {
        const e = firstWithLs(c, ls);
        if (e && !c.rows('PlacedAdoption').some((r) => filled(r.DATE_PLACED)))
          report('Episodes', e.row, 'CHILD');
      },
    });
  }),
  ...(['554:E1', '556:D1'] as const).map((spec) => {
    const [code, ls] = spec.split(':') as [string, string];
    return rule({
      code,
      check(c, report) {
        const e = firstWithLs(c, ls);
        if (!e?.decom) return;
        const rows = c.rows('PlacedAdoption');
        if (rows.length > 0 && !rows.some((r) => (dt(r.DATE_PLACED) ?? '9') <= e.decom!))
          for (const r of rows) report('PlacedAdoption', r, 'DATE_PLACED');
      },
    });
  }),
  rule({
    code: '557',
    check(c, report) {
      const last = c.lastEpisode;
      if (!last || !filled(last.row.REC) || last.row.REC === 'X1' || ADOPTED_REC.has(last.row.REC)) return;
      for (const r of c.rows('PlacedAdoption'))
        if (filled(r.DATE_PLACED) && (blank(r.DATE_PLACED_CEASED) || blank(r.REASON_PLACED_CEASED)))
          report('PlacedAdoption', r, 'DATE_PLACED_CEASED');
    },
  }),
  rule({
    code: '558',
    check(c, report) {
      if (!c.episodes.some((e) => ADOPTED_REC.has(e.row.REC ?? ''))) return;
      for (const r of c.rows('PlacedAdoption'))
        if (filled(r.DATE_PLACED_CEASED)) report('PlacedAdoption', r, 'DATE_PLACED_CEASED');
    },
  }),
  placed(
    '563',
    (r) =>
      (filled(r.DATE_PLACED_CEASED) || filled(r.REASON_PLACED_CEASED)) &&
      blank(r.DATE_PLACED) &&
      'DATE_PLACED',
  ),
  rule({
    code: '579',
    check(c, report) {
      const rows = c
        .rows('PlacedAdoption')
        .map((r) => ({ r, p: dt(r.DATE_PLACED), q: dt(r.DATE_PLACED_CEASED) }))
        .filter((x) => x.p !== null)
        .sort((a, b) => a.p!.localeCompare(b.p!));
      for (let i = 1; i < rows.length; i++) {
        const prev = rows[i - 1]!;
        if (prev.q === null || rows[i]!.p! < prev.q) report('PlacedAdoption', rows[i]!.r, 'DATE_PLACED');
      }
    },
  }),
  rule({
    code: '582',
    check(c, report) {
      const a = adoptedEp(c);
      if (!a) return;
      for (const r of c.rows('AD1')) if (dt(r.DATE_MATCH) === a.dec) report('AD1', r, 'DATE_MATCH');
    },
  }),
  rule({
    code: '583',
    check(c, report) {
      const rows = c.rows('PlacedAdoption');
      if (rows.length < 2) return;
      const sorted = [...rows].sort((a, b) =>
        (dt(a.DATE_PLACED) ?? '').localeCompare(dt(b.DATE_PLACED) ?? ''),
      );
      for (const r of sorted.slice(0, -1))
        if (blank(r.DATE_PLACED_CEASED)) report('PlacedAdoption', r, 'DATE_PLACED_CEASED');
    },
  }),
  rule({
    code: '601',
    check(c, report) {
      const a = adoptedEp(c);
      if (!a) return;
      const rows = c.rows('AD1');
      if (rows.length === 0) report('Episodes', a.row, 'REC');
      for (const r of rows)
        if (AD1_FIELDS.some((k) => blank(r[k])))
          report(
            'AD1',
            r,
            AD1_FIELDS.find((k) => blank(r[k])),
          );
    },
  }),
  rule({
    code: '602',
    check(c, report) {
      if (adoptedEp(c)) return;
      for (const r of c.rows('AD1')) report('AD1', r, 'CHILD');
    },
  }),
];
