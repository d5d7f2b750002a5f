/**
 * One child of the library's model as one child of the DfE children's social care API's payload
 * (`CSC`), and the list of its parts (episodes, assessments, plans, placements) by id, which the
 * next day's push needs to send a part that has gone with `purge: true`. Pure.
 */
import type { Child, CinEpisode, LookedAfterEpisode } from '../model/types.ts';
import type { CscChild, CscChildDetails, CscEpisode, CscPlacement } from './types.ts';

/**
 * A built child: its payload record and the ids of its parts (`e:<episode>`,
 * `e:<episode>/a:<assessment>`, …, and `d:<property>` for each personal detail sent, so that the
 * next push knows when one the DfE holds has gone and must be purged).
 */
export interface BuiltDfeChild {
  record: CscChild;
  parts: string[];
}

/** The part kinds below an episode, their payload array and id property. */
export const DFE_PART_KINDS = {
  a: ['child_and_family_assessments', 'child_and_family_assessment_id'],
  cin: ['child_in_need_plans', 'child_in_need_plan_id'],
  s47: ['section_47_assessments', 'section_47_assessment_id'],
  cpp: ['child_protection_plans', 'child_protection_plan_id'],
  lac: ['child_looked_after_placements', 'child_looked_after_placement_id'],
} as const;
export type DfePartKind = keyof typeof DFE_PART_KINDS;

/** Copies only the properties that have a value (the schema has no nulls). */
function defined<T extends object>(o: { [K in keyof T]: T[K] | null | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

const compact = (d: string | null | undefined): string => (d == null ? 'X' : d.replace(/-/g, ''));
const flag = (v: boolean | string | null | undefined): boolean | undefined =>
  typeof v === 'boolean' ? v : undefined;
const unique = (xs: readonly string[] | null | undefined): string[] | undefined =>
  xs == null || xs.length === 0 ? undefined : [...new Set(xs)];

/**
 * Ids for items of one kind under one parent: the model's own id when it has one, else
 * `<child>-<tag><yyyymmdd>` from the item's start date, with `-2`, `-3` … for a second item
 * starting the same day (≤ 36 letters, digits, `-`, as the schema asks, for an LA child ID of ≤ 20).
 */
function idsFor(
  laChildId: string,
  tag: string,
  items: readonly { id?: string | null | undefined; date: string | null | undefined }[],
): string[] {
  const seen = new Map<string, number>();
  return items.map((it) => {
    if (it.id != null && it.id !== '') return it.id;
    const base = `${laChildId}-${tag}${compact(it.date)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** The episode a looked-after placement belongs to: the latest referral on or before its start. */
function episodeOf(episodes: readonly CinEpisode[], placement: LookedAfterEpisode): number {
  let best = -1;
  episodes.forEach((e, i) => {
    if (e.referralDate != null && e.referralDate <= placement.startDate) {
      const b = best < 0 ? undefined : episodes[best];
      if (b?.referralDate == null || e.referralDate >= b.referralDate) best = i;
    }
  });
  return best >= 0 ? best : episodes.length > 0 ? 0 : -1;
}

/**
 * Builds a child's DfE payload record. Not sent (not in the model): SDQ assessments (the model's SDQ
 * score has no date), care leaver contact date; a looked-after placement of a child with no episode
 * at all; an initial conference not preceded by a section 47.
 * @example buildDfeChild(child).record.la_child_id
 */
export function buildDfeChild(child: Child): BuiltDfeChild {
  const id = child.laChildId;
  const parts: string[] = [];
  const episodes = child.cinEpisodes;
  const episodeIds = idsFor(
    id,
    'E',
    episodes.map((e) => ({ id: e.id, date: e.referralDate })),
  );
  const placementsBy = new Map<number, LookedAfterEpisode[]>();
  for (const p of child.lookedAfter ?? []) {
    const at = episodeOf(episodes, p);
    if (at >= 0) placementsBy.set(at, [...(placementsBy.get(at) ?? []), p]);
  }
  const last = episodes.length - 1;
  const social_care_episodes: CscEpisode[] = episodes.map((e, i) => {
    const eid = episodeIds[i] as string;
    parts.push(`e:${eid}`);
    const track = (kind: DfePartKind, ids: string[]) => {
      for (const x of ids) parts.push(`e:${eid}/${kind}:${x}`);
      return ids;
    };
    const assessments = e.assessments ?? [];
    const aIds = track(
      'a',
      idsFor(
        id,
        'A',
        assessments.map((a) => ({ id: a.id, date: a.startDate })),
      ),
    );
    const cinPlans = e.cinPlans ?? [];
    const cIds = track(
      'cin',
      idsFor(
        id,
        'N',
        cinPlans.map((p) => ({ id: p.id, date: p.startDate })),
      ),
    );
    const s47s = e.section47s ?? [];
    const sIds = track(
      's47',
      idsFor(
        id,
        'S',
        s47s.map((s) => ({ id: s.id, date: s.startDate })),
      ),
    );
    const cpps = e.childProtectionPlans ?? [];
    const pIds = track(
      'cpp',
      idsFor(
        id,
        'P',
        cpps.map((p) => ({ id: p.id, date: p.startDate })),
      ),
    );
    const placements = placementsBy.get(i) ?? [];
    const lIds = track(
      'lac',
      idsFor(
        id,
        'L',
        placements.map((p) => ({ id: p.id, date: p.startDate })),
      ),
    );
    const workers = (child.socialWorkerEpisodes ?? []).filter(
      (w) =>
        e.referralDate != null &&
        w.startDate >= e.referralDate &&
        (e.closureDate == null || w.startDate <= e.closureDate),
    );
    const adoption = i === last ? child.adoption : null;
    const careLeaver = i === last ? child.careLeaver : null;
    const placementsOut: CscPlacement[] = placements.map((p, j) =>
      defined<CscPlacement>({
        child_looked_after_placement_id: lIds[j],
        start_date: p.startDate,
        start_reason: p.reasonNewEpisode,
        placement_type: p.placement,
        postcode: p.placementPostcode,
        end_date: p.endDate,
        end_reason: p.reasonEnded,
        change_reason: p.reasonPlaceChange,
      }),
    );
    return defined<CscEpisode>({
      social_care_episode_id: eid,
      referral_date: e.referralDate,
      referral_source: e.referralSource,
      referral_no_further_action_flag: flag(e.referralNfa),
      closure_date: e.closureDate,
      closure_reason: e.closureReason,
      care_worker_details:
        workers.length === 0
          ? undefined
          : workers.map((w) =>
              defined({ worker_id: w.workerId, start_date: w.startDate, end_date: w.endDate }),
            ),
      child_and_family_assessments:
        assessments.length === 0
          ? undefined
          : assessments.map((a, j) =>
              defined({
                child_and_family_assessment_id: aIds[j],
                start_date: a.startDate,
                authorisation_date: a.authorisationDate,
                factors: unique(a.factors),
              }),
            ),
      child_in_need_plans:
        cinPlans.length === 0
          ? undefined
          : cinPlans.map((p, j) =>
              defined({
                child_in_need_plan_id: cIds[j],
                start_date: p.startDate,
                end_date: p.endDate,
              }),
            ),
      section_47_assessments:
        s47s.length === 0
          ? undefined
          : s47s.map((s, j) => {
              const notRequired = flag(s.icpcNotRequired);
              return defined({
                section_47_assessment_id: sIds[j],
                start_date: s.startDate,
                icpc_required_flag: notRequired === undefined ? undefined : !notRequired,
                icpc_date: s.dateOfInitialCpc,
                end_date: s.endDate,
              });
            }),
      child_protection_plans:
        cpps.length === 0
          ? undefined
          : cpps.map((p, j) =>
              defined({
                child_protection_plan_id: pIds[j],
                start_date: p.startDate,
                end_date: p.endDate,
              }),
            ),
      child_looked_after_placements: placementsOut.length === 0 ? undefined : placementsOut,
      adoption:
        adoption == null || (adoption.decisionDate ?? adoption.matchedDate ?? adoption.placedDate) == null
          ? undefined
          : defined({
              initial_decision_date: adoption.decisionDate,
              matched_date: adoption.matchedDate,
              placed_date: adoption.placedDate,
            }),
      care_leavers:
        careLeaver == null || (careLeaver.activity ?? careLeaver.accommodation) == null
          ? undefined
          : defined({
              activity: careLeaver.activity,
              // The DfE item is the accommodation letter alone; the 903's suitability digit is not sent.
              accommodation: careLeaver.accommodation?.slice(0, 1),
            }),
    });
  });
  const details = childDetails(child);
  const record = defined<CscChild>({
    la_child_id: id,
    child_details: details,
    social_care_episodes: social_care_episodes.length === 0 ? undefined : social_care_episodes,
  });
  for (const key of Object.keys(details)) parts.push(`d:${key}`);
  return { record, parts };
}

/** The child's personal details as the payload's `child_details` (only those recorded). */
function childDetails(child: Child): CscChildDetails {
  return defined<CscChildDetails>({
    unique_pupil_number: child.upn,
    former_unique_pupil_number: child.formerUpn,
    unique_pupil_number_unknown_reason: child.upnUnknown,
    first_name: child.firstName ?? undefined,
    surname: child.surname ?? undefined,
    date_of_birth: child.birthDate,
    expected_date_of_birth: child.expectedBirthDate,
    sex: child.sex,
    ethnicity: child.ethnicity,
    disabilities: unique(child.disabilities),
    postcode: child.postcode,
    uasc_flag: child.uasc?.isUasc,
    uasc_end_date: child.uasc?.ceasedDate,
  });
}
