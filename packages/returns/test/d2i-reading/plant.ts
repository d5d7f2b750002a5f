/**
 * The first set of files for the agreement check: the package's own generator, with realistic
 * errors planted into the census (after scoping, so nothing planted is dropped) before it is
 * written as XML. Each child gets an error with probability `rate`, drawn from the kinds below,
 * most of them aimed at the rules of issue #18 and their edges (which module's conference date,
 * dates on the census-year boundary, flags written in other ways, codes in other letter cases).
 */
import { Random } from '@waypoint/random';
import { censusFromInput } from '../../src/cin/scope.ts';
import { writeCinXml } from '../../src/cin/write-xml.ts';
import type { CinCensus } from '../../src/cin/census.ts';
import { addDays, dayOfWeek } from '../../src/dates.ts';
import { generateInput } from '../../src/generate/generate.ts';
import type { Child, CinEpisode } from '../../src/model/types.ts';
import { type CollectionYear, endYearOf } from '../../src/years.ts';

type Plant = (c: Child, ep: CinEpisode, r: Random, Y: number) => void;

const saturdayFrom = (d: string) => addDays(d, (6 - dayOfWeek(d) + 7) % 7);
const s47Of = (ep: CinEpisode) => (ep.section47s ?? []).find((s) => s.dateOfInitialCpc);

/** The kinds of error, each a small change to one child. */
const PLANTS: Record<string, Plant> = {
  's47 ICPC on a weekend': (_c, ep, r) => {
    const s = s47Of(ep);
    if (s) s.dateOfInitialCpc = addDays(saturdayFrom(s.dateOfInitialCpc!), r.int(0, 1));
  },
  'CIN-details ICPC on a weekend': (_c, ep, r, Y) => {
    ep.dateOfInitialCpc = addDays(
      saturdayFrom(`${Y}-${String(r.int(4, 12)).padStart(2, '0')}-10`),
      r.int(0, 1),
    );
  },
  's47 ICPC outside the year': (_c, ep, r, Y) => {
    const s = s47Of(ep);
    if (s) s.dateOfInitialCpc = r.pick([`${Y}-03-31`, `${Y}-02-14`, `${Y + 1}-04-01`, `${Y + 1}-05-20`]);
  },
  'CIN-details ICPC outside the year': (_c, ep, r, Y) => {
    ep.dateOfInitialCpc = r.pick([`${Y}-03-30`, `${Y + 1}-04-02`]);
  },
  's47 ICPC before the referral': (_c, ep) => {
    const s = s47Of(ep);
    if (s && ep.referralDate) s.dateOfInitialCpc = addDays(ep.referralDate, -3);
  },
  'old referral flagged NFA': (_c, ep, r, Y) => {
    ep.referralDate = r.pick([`${Y}-03-31`, `${Y}-03-30`, `${Y}-03-28`, `${Y - 1}-11-03`, `${Y}-03-27`]);
    ep.referralNfa = r.pick([true, 'TRUE', '1', null, 'FALSE', 'yes']);
  },
  'referral after the reference date or unreadable': (_c, ep, r, Y) => {
    ep.referralDate = r.pick([`${Y + 1}-04-01`, `${Y + 1}-06-12`, `${Y}-02-30`, '0225-06-01', null]);
  },
  'closure outside the year or unreadable': (_c, ep, r, Y) => {
    ep.closureReason = ep.closureReason ?? 'RC1';
    ep.closureDate = r.pick([`${Y}-03-31`, `${Y}-04-01`, `${Y + 1}-03-31`, `${Y + 1}-04-01`, `${Y}-13-01`]);
  },
  'NONE beside other codes': (c, _ep, r) => {
    c.disabilities = r.pick([
      ['NONE', 'MOB'],
      ['none', 'HAND'],
      ['None', 'NONE'],
      ['NONE', ''],
      ['AUT', 'NONE', 'LD'],
    ]);
  },
  'sex not recorded': (c, _ep, r) => {
    c.sex = r.pick(['U', null]);
    c.genderCurrent = r.pick(['0', null]);
  },
};

/** The census of a generated authority with errors planted; the header is varied too. */
export function plantedCensus(seed: number, year: CollectionYear, children: number, rate: number): CinCensus {
  const r = new Random(seed * 7919 + 17);
  const census = censusFromInput(
    generateInput({ children, seed, year }),
    year,
    `${endYearOf(year)}-04-02T09:00:00`,
  );
  const Y = endYearOf(year) - 1;
  const kinds = Object.keys(PLANTS);
  for (const c of census.children) {
    if (!r.chance(rate)) continue;
    const ep = c.cinEpisodes[r.below(c.cinEpisodes.length)];
    if (ep) PLANTS[r.pick(kinds)]!(c, ep, r, Y);
  }
  // A few files with fewer disability codes in use, and a few with the header's date written otherwise.
  if (r.chance(0.25))
    for (const c of census.children)
      c.disabilities = c.disabilities?.filter((d) => d !== 'HEAR' && d !== 'VIS');
  const refVariant = r.pick([null, null, null, 'midnight', 'dmy', 'wrong', 'missing']);
  const ref = census.header.referenceDate!;
  if (refVariant === 'midnight') census.header.referenceDate = `${ref}T00:00:00`;
  if (refVariant === 'dmy')
    census.header.referenceDate = `${ref.slice(8)}/${ref.slice(5, 7)}/${ref.slice(0, 4)}`;
  if (refVariant === 'wrong') census.header.referenceDate = addDays(ref, -1);
  if (refVariant === 'missing') census.header.referenceDate = null;
  return census;
}

/** `plantedCensus` written as census XML. */
export function plantedXml(seed: number, year: CollectionYear, children: number, rate = 0.08): string {
  return writeCinXml(plantedCensus(seed, year, children, rate), year);
}
