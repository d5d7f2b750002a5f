/**
 * Which part of a child's history goes into a year's CIN census: the episodes open at any time in
 * the census year, seen as at the reference date (later events dropped, later end dates blanked),
 * without modules that finished before the year began.
 */
import { addDays, addYears } from '../dates.ts';
import type { Child, CinEpisode, ReturnsInput } from '../model/types.ts';
import { type CollectionYear, hasPreProceedings, referenceDateOf } from '../years.ts';
import type { CinCensus } from './census.ts';

const after = (d: string | null | undefined, ref: string): boolean => !!d && d > ref;
const before = (d: string | null | undefined, start: string): boolean => !!d && d < start;
const upTo = (d: string | null | undefined, ref: string): string | null => (d && d <= ref ? d : null);

/**
 * The child's census view for the year, or null when no episode is open in the year. `referenceDate`
 * (default 31 March of the year) lets a system check the year in progress with a year's rules: a
 * provisional census as at another 31 March.
 */
export function childForCensus(
  child: Child,
  year: CollectionYear,
  referenceDate: string = referenceDateOf(year),
): Child | null {
  const ref = referenceDate;
  const start = addDays(addYears(ref, -1), 1);
  const episodes = child.cinEpisodes
    .filter((e) => e.referralDate && e.referralDate <= ref && !before(e.closureDate, start))
    .map((e) => episodeAt(e, ref, start, hasPreProceedings(year)))
    .sort((a, b) => (a.referralDate ?? '').localeCompare(b.referralDate ?? ''));
  if (episodes.length === 0) return null;
  return { ...child, deathDate: upTo(child.deathDate, ref), cinEpisodes: episodes };
}

function episodeAt(e: CinEpisode, ref: string, start: string, preProceedings: boolean): CinEpisode {
  const closed = e.closureDate && e.closureDate <= ref;
  const own = upTo(e.dateOfInitialCpc, ref);
  return {
    ...e,
    closureDate: closed ? e.closureDate : null,
    closureReason: closed ? e.closureReason : null,
    dateOfInitialCpc: own && own >= start ? own : null,
    assessments: (e.assessments ?? [])
      .filter((a) => !after(a.startDate, ref) && !before(a.authorisationDate, start))
      .map((a) => (after(a.authorisationDate, ref) ? { ...a, authorisationDate: null, factors: null } : a)),
    cinPlans: (e.cinPlans ?? [])
      .filter((p) => !after(p.startDate, ref) && !before(p.endDate, start))
      .map((p) => (after(p.endDate, ref) ? { ...p, endDate: null } : p)),
    section47s: (e.section47s ?? [])
      .filter(
        (s) =>
          !after(s.startDate, ref) &&
          !before(s.dateOfInitialCpc, start) &&
          !(s.icpcNotRequired === true && before(s.startDate, start)),
      )
      .map((s) => (after(s.dateOfInitialCpc, ref) ? { ...s, dateOfInitialCpc: null } : s)),
    childProtectionPlans: (e.childProtectionPlans ?? [])
      .filter((p) => !after(p.startDate, ref) && !before(p.endDate, start))
      .map((p) => ({
        ...p,
        endDate: upTo(p.endDate, ref),
        reviews: (p.reviews ?? []).filter((r) => !after(r, ref)),
      })),
    preProceedings: preProceedings ? (e.preProceedings ?? []).filter((p) => !after(p.startDate, ref)) : [],
  };
}

/**
 * The census of a year built from the model: header from the LA code, children in scope.
 * `referenceDate` (default 31 March of `year`) builds a provisional census of another year with
 * `year`'s layout and rules, e.g. the year in progress before its specification is published.
 * @example validateCinCensus(censusFromInput(input, '2025-26'))
 */
export function censusFromInput(
  input: ReturnsInput,
  year: CollectionYear,
  dateTime?: string,
  referenceDate: string = referenceDateOf(year),
): CinCensus {
  const children: Child[] = [];
  for (const c of input.children) {
    const v = childForCensus(c, year, referenceDate);
    if (v) children.push(v);
  }
  return {
    header: {
      collection: 'CIN',
      year: referenceDate.slice(0, 4),
      referenceDate,
      sourceLevel: 'L',
      lea: input.laCode,
      softwareCode: 'Waypoint',
      release: '0.1.0',
      serialNo: '001',
      dateTime: dateTime ?? new Date().toISOString().slice(0, 19),
    },
    children,
  };
}
