/**
 * The inspector's view of a tracked child: the journey across services as one timeline, the
 * plans' goals and scores, the child's and family's feedback, the visits (seen, seen alone, what
 * the child said) and the agencies involved: those that recorded on the journey, and the partners'
 * involvements and LA services linked to the child (never a shielded one). Read-only, through the caller-bound repository:
 * the `inspection_sample` relationship opens the record only to the inspection's inspectors, only
 * while it is on, and only for the children tracked on it; every read is audited there
 * (`record.view`). A child not tracked on this inspection is "not found".
 */
import { childFeedback, type FeedbackAnswer } from '../feedback/child-feedback.ts';
import { NotFoundError } from '../http/errors.ts';
import { linkedAgencies, type LinkedAgency } from '../involvement/linked-agencies.ts';
import { loadJourney, type Journey, type JourneyEvent } from '../journey/load-journey.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openInspection, type OpenedInspection } from './access.ts';
import { canonicalUuid } from '../db/uuid.ts';

/** The most events the one timeline shows (newest first). */
export const TIMELINE_LIMIT = 500;

export interface InspectorChildView {
  opened: OpenedInspection;
  journey: Journey;
  visits: JourneyEvent[];
  feedback: FeedbackAnswer[];
  /** The partners and LA services the record knows are involved (involvement/linked-agencies.ts). */
  linkedAgencies: LinkedAgency[];
}

/**
 * @throws NotFoundError when the caller is not an inspector of this inspection while it is on,
 * or the child is not tracked on it (or the record does not open to them)
 */
export async function inspectorChildView(
  records: PersonRecords,
  inspectionId: string,
  personId: string,
): Promise<InspectorChildView> {
  const child = canonicalUuid(personId);
  const opened = await records.transaction(async (tx, ctx) => {
    const o = await openInspection(tx, ctx.actor, inspectionId);
    if (o.part !== 'inspector' || child === null) return null;
    const tracked = await tx
      .selectFrom('inspection_samples')
      .select('person_id')
      .where('inspection_id', '=', o.inspection.id)
      .where('person_id', '=', child)
      .executeTakeFirst();
    return tracked === undefined ? null : o;
  });
  if (opened === null || child === null) {
    // Audited as a refused read of the record, as any other.
    await records.transaction(async (tx) => records.audit(tx, 'record.view', 'denied', personId));
    throw new NotFoundError(`${records.actor.userId} does not track ${personId} on ${inspectionId}`);
  }
  const journey = await loadJourney(records, child, { limit: TIMELINE_LIMIT });
  const feedback = await childFeedback(records, records.actor, child);
  // The journey's opening was audited; this reads more of the same record under the same access.
  const agencies = await records.withRecord(
    child,
    'view',
    'record.view',
    (tx, o) => linkedAgencies(tx, o.person.id),
    { auditSuccess: false },
  );
  return {
    opened,
    journey,
    visits: journey.events.filter((e) => e.group === 'visits'),
    feedback: feedback.answers,
    linkedAgencies: agencies,
  };
}
