/**
 * The child's journey page and API: opened (and audited) through the caller-bound repository, then
 * the journey state (what is open now), the timeline with its filters, the plans with their goal
 * scores over time, and the child's own timescales. One tenant transaction.
 */
import { emergencyAccessEnds } from '../access/break-glass.ts';
import type { PlanKind } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { abuseCategories, labelOf, legalStatuses } from './codes.ts';
import { loadJourneyState, type JourneyState } from './state.ts';
import { longDate } from './step.ts';
import { readTimeline, type JourneyEvent, type TimelineFilter } from './timeline.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { today } from '../http/forms/dates.ts';
import { censusQueries, type CensusQuery } from '../returns/point-check.ts';
import { transfersOfRecord, type RecordTransfers } from '../transfer/lists.ts';

export type { JourneyEvent };

export interface PlanProgress {
  kind: PlanKind;
  since: string;
  goals: { id: string; goal: string; scores: { on: string; score: number }[] }[];
}

export interface Journey {
  opened: OpenedRecord;
  state: JourneyState;
  /** "Child protection plan since 10 February 2026 (neglect)". */
  status: string;
  events: JourneyEvent[];
  total: number;
  agencies: string[];
  plans: PlanProgress[];
  timescales: { id: string; subject: string; dueOn: string; reason: string; setBy: string }[];
  /** When the viewer sees the record only through emergency (break-glass) access: when it ends. */
  emergencyEnds: Date | null;
  /** What the statutory returns would query about the record now (for those who can change it). */
  census: CensusQuery[];
  /** A transfer to another LA waiting, and the package a transferred-in child came with (transfer/). */
  transfers: RecordTransfers;
}

/** The child's status now, in words, from the journey state. */
export function statusOf(s: JourneyState): string {
  if (s.openCare !== null)
    return `Looked after since ${longDate(s.openCare.on)} (${labelOf(legalStatuses, s.openCare.legalStatus).toLowerCase()})`;
  if (s.activeCpPlan !== null)
    return `Child protection plan since ${longDate(s.activeCpPlan.on)} (${labelOf(abuseCategories, s.activeCpPlan.category).toLowerCase()})`;
  if (s.activeCinPlan !== null) return `Child in need plan since ${longDate(s.activeCinPlan.on)}`;
  if (s.openS47 !== null) return `Section 47 enquiry since ${longDate(s.openS47.on)}`;
  if (s.openAssessment !== null) return `Being assessed since ${longDate(s.openAssessment.on)}`;
  if (s.openEpisode !== null) return `Child in need since ${longDate(s.openEpisode.on)}`;
  if (s.openEarlyHelp !== null) return `Early help since ${longDate(s.openEarlyHelp.on)}`;
  if (s.screeningContact !== null) return `Contact being screened since ${longDate(s.screeningContact.on)}`;
  return 'No open episode';
}

async function planProgress(tx: Tx, s: JourneyState): Promise<PlanProgress[]> {
  const goalIds = s.activePlans.flatMap((p) => p.goals.map((g) => g.id));
  const scores =
    goalIds.length === 0
      ? []
      : await tx
          .selectFrom('goal_scores')
          .select(['goal_id', 'scored_on', 'score'])
          .where('goal_id', 'in', goalIds)
          .orderBy('scored_on')
          .execute();
  return s.activePlans.map((p) => ({
    kind: p.kind,
    since: p.since,
    goals: p.goals.map((g) => ({
      ...g,
      scores: scores.filter((x) => x.goal_id === g.id).map((x) => ({ on: x.scored_on, score: x.score })),
    })),
  }));
}

export async function loadJourney(
  records: PersonRecords,
  personId: string,
  opts: { filter?: TimelineFilter; limit?: number; offset?: number; census?: boolean } = {},
): Promise<Journey> {
  const { census: withCensus, ...timelineOpts } = opts;
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened, ctx) => {
    const state = await loadJourneyState(tx, personId, { agencies: true });
    const emergencyEnds = await emergencyAccessEnds(tx, ctx, opened);
    const { events, total } = await readTimeline(tx, personId, {
      caseNotes: opened.abilities.view_case_notes,
      ...timelineOpts,
    });
    const plans = await planProgress(tx, state);
    const agencies = state.agencies ?? [];
    const timescales = state.openTimescales;
    const transfers = await transfersOfRecord(tx, ctx.actor.laCode, personId);
    return {
      transfers,
      opened,
      state,
      status: statusOf(state),
      events,
      total,
      agencies,
      plans,
      timescales,
      emergencyEnds,
      // The point-of-recording check: shown to whoever can fix the record, never blocking.
      census:
        withCensus === true && opened.abilities.edit
          ? await censusQueries(tx, ctx.actor.laCode, personId, today())
          : [],
    };
  });
}

/**
 * The whole chronology for printing (court bundles, case reviews): every event matching the
 * filter, oldest first, audited as a print of the record.
 */
export async function loadChronology(
  records: PersonRecords,
  personId: string,
  filter: TimelineFilter = {},
): Promise<Journey> {
  return records.withRecord(personId, 'view', 'record.print', async (tx, opened) => {
    const state = await loadJourneyState(tx, personId);
    const { events, total } = await readTimeline(tx, personId, {
      caseNotes: opened.abilities.view_case_notes,
      filter,
    });
    return {
      opened,
      state,
      status: statusOf(state),
      events: events.reverse(),
      total,
      agencies: [],
      plans: [],
      timescales: [],
      emergencyEnds: null,
      census: [],
      transfers: { waiting: null, cameWith: null },
    };
  });
}
