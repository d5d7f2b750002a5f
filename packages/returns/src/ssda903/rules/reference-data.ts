/**
 * Rules that need reference data besides the return: the Ofsted provider lists (URN rules) and a
 * postcode look-up (the placement's LA, location and distance from home, which the reference
 * validator derives from postcodes). They run only when that data is given.
 */
import { normalisePostcode } from '@waypoint/identifiers';
import type { ChildView, Episode903 } from '../validate/child.ts';
import type { Provider903, Row903, Rule903 } from '../validate/types.ts';
import { RESPITE_LS } from './codes.ts';
import { rule } from './define.ts';
import { blank, filled } from './helpers.ts';

const pc = (s: string): string => (normalisePostcode(s) ?? s).replace(/\s+/g, '');

/** Each episode with a URN found in the provider lists. */
const withProvider = (
  code: string,
  bad: (e: Episode903, p: Provider903, c: ChildView) => string | false,
): Rule903 =>
  rule({
    code,
    check(c, report) {
      const list = c.ctx.providers;
      if (!list) return;
      for (const e of c.episodes) {
        const p = filled(e.row.URN) ? list.get(e.row.URN) : undefined;
        const f = p ? bad(e, p, c) : false;
        if (f) report('Episodes', e.row, f);
      }
    },
  });

/** The placement LA (three-digit code) of an episode, from its placement postcode. */
const plLa = (c: ChildView, r: Row903): string | null =>
  filled(r.PL_POST) ? (c.ctx.postcodes?.laOf(r.PL_POST) ?? null) : null;

/** Miles between home and placement, or null when either postcode is missing or unknown. */
export function distanceMiles(c: ChildView, r: Row903): number | null {
  const look = c.ctx.postcodes;
  if (!look || blank(r.HOME_POST) || blank(r.PL_POST)) return null;
  const a = look.positionOf(r.HOME_POST ?? '');
  const b = look.positionOf(r.PL_POST ?? '');
  if (!a || !b) return null;
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return Math.round(3958.8 * 2 * Math.asin(Math.sqrt(h)) * 10) / 10;
}

const formerUasc = (c: ChildView): boolean =>
  c.uasc === '1' || c.lastRows('UASC').length > 0 || c.lastHeader?.UASC === '1';
const location = (c: ChildView, r: Row903): string | null => {
  const la = plLa(c, r);
  return la === null || !c.ctx.laCode ? null : la === c.ctx.laCode ? 'IN' : 'OUT';
};

/** Last year's open episode and this year's first, for 452, 453 and 503G/H/J. */
const carried = (c: ChildView): { last: Row903; first: Row903 } | null => {
  const last = c.lastEpisodes.at(-1);
  const first = c.episodes[0];
  return last && first && last.dec === null && last.decom === first.decom
    ? { last: last.row, first: first.row }
    : null;
};
const sameAcrossYears = (
  code: string,
  value: (c: ChildView, r: Row903) => string | number | null,
  field: string,
): Rule903 =>
  rule({
    code,
    tables: ['Episodes'],
    needs: ['last', 'postcodes'],
    check(c, report) {
      const p = carried(c);
      if (!p) return;
      const a = value(c, p.last);
      const b = value(c, p.first);
      if (a !== null && b !== null && a !== b) report('Episodes', p.first, field);
    },
  });

export const REFERENCE_DATA_RULES: Rule903[] = [
  rule({
    code: '1008',
    check(c, report) {
      const list = c.ctx.providers;
      if (!list) return;
      for (const r of c.rows('Episodes'))
        if (filled(r.URN) && r.URN !== 'XXXXXXX' && !list.has(r.URN)) report('Episodes', r, 'URN');
    },
  }),
  withProvider(
    '219',
    (e, p) => p.placeCodes.length > 0 && !p.placeCodes.includes(e.row.PLACE ?? '') && 'PLACE',
  ),
  withProvider(
    '221',
    (e, p) =>
      p.postcode !== null && filled(e.row.PL_POST) && pc(e.row.PL_POST) !== pc(p.postcode) && 'PL_POST',
  ),
  withProvider(
    '224',
    (e, p) =>
      p.providerCodes.length > 0 &&
      filled(e.row.PLACE_PROVIDER) &&
      !p.providerCodes.includes(e.row.PLACE_PROVIDER) &&
      'PLACE_PROVIDER',
  ),
  withProvider(
    '227',
    (e, p) => p.registrationEnd !== null && e.decom !== null && p.registrationEnd < e.decom && 'URN',
  ),
  withProvider(
    '228',
    (e, p, c) => p.registrationEnd !== null && p.registrationEnd < (e.dec ?? c.ctx.end) && 'URN',
  ),
  withProvider('229', (e, p, c) => {
    if (!p.laCode || !c.ctx.laCode) return false;
    const own = p.laCode === c.ctx.laCode;
    return (
      ((e.row.PLACE_PROVIDER === 'PR1' && !own) || (e.row.PLACE_PROVIDER === 'PR2' && own)) &&
      'PLACE_PROVIDER'
    );
  }),
  rule({
    code: '164',
    check(c, report) {
      if (!c.ctx.postcodes || formerUasc(c)) return;
      for (const r of c.rows('Episodes'))
        if (
          !RESPITE_LS.has(r.LS ?? '') &&
          filled(r.HOME_POST) &&
          filled(r.PL_POST) &&
          distanceMiles(c, r) === null
        )
          report('Episodes', r, 'PL_POST');
    },
  }),
  rule({
    code: '169',
    check(c, report) {
      if (!c.ctx.postcodes) return;
      for (const r of c.rows('Episodes'))
        if (!RESPITE_LS.has(r.LS ?? '') && filled(r.PL_POST) && plLa(c, r) === null)
          report('Episodes', r, 'PL_POST');
    },
  }),
  rule({
    code: '179',
    check(c, report) {
      if (!c.ctx.postcodes || !c.ctx.laCode) return;
      for (const r of c.rows('Episodes'))
        if (!RESPITE_LS.has(r.LS ?? '') && filled(r.PL_POST) && location(c, r) === null)
          report('Episodes', r, 'PL_POST');
    },
  }),
  rule({
    code: '392a',
    check(c, report) {
      if (!c.ctx.postcodes || formerUasc(c)) return;
      for (const r of c.rows('Episodes'))
        if (!RESPITE_LS.has(r.LS ?? '') && distanceMiles(c, r) === null) report('Episodes', r, 'HOME_POST');
    },
  }),
  rule({
    code: '406',
    check(c, report) {
      if (!c.ctx.postcodes || !formerUasc(c)) return;
      for (const r of c.rows('Episodes'))
        if (distanceMiles(c, r) !== null) report('Episodes', r, 'HOME_POST');
    },
  }),
  rule({
    code: '411',
    check(c, report) {
      for (const r of c.rows('Episodes')) {
        const derived = location(c, r);
        if ('PL_LOCATION' in r && filled(r.PL_LOCATION) && derived !== null && r.PL_LOCATION !== derived)
          report('Episodes', r, 'PL_POST');
      }
    },
  }),
  rule({
    code: '420',
    check(c, report) {
      for (const r of c.rows('Episodes'))
        if (RESPITE_LS.has(r.LS ?? '') && plLa(c, r) !== null) report('Episodes', r, 'PL_POST');
    },
  }),
  sameAcrossYears('452', plLa, 'PL_POST'),
  sameAcrossYears(
    '453',
    (c, r) => {
      const d = distanceMiles(c, r);
      return d === null ? null : Math.round(d * 5);
    },
    'HOME_POST',
  ),
  sameAcrossYears('503G', distanceMiles, 'HOME_POST'),
  sameAcrossYears('503H', plLa, 'PL_POST'),
  sameAcrossYears('503J', location, 'PL_POST'),
  rule({
    code: '1015',
    check(c, report) {
      if (!c.ctx.laCode) return;
      for (const r of c.rows('Episodes')) {
        const la = plLa(c, r);
        if (r.PLACE_PROVIDER === 'PR1' && la !== null && la !== c.ctx.laCode)
          report('Episodes', r, 'PLACE_PROVIDER');
      }
    },
  }),
];
