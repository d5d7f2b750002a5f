/**
 * What children and families tell the LA, over time, for an inspection: the feedback capability's
 * figures for the LA and each team (small groups not shown, nothing per worker), for the LA and,
 * while it is on, the inspection's inspectors. Audited as `inspection.view`.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { readFeedbackTrends, type FeedbackTrends } from '../feedback/trends.ts';
import type { Summary } from '../insight/summaries.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openInspection, type OpenedInspection } from './access.ts';

/** @throws NotFoundError when the caller has no part in the inspection now */
export async function inspectionFeedback(
  records: PersonRecords,
  inspectionId: string,
): Promise<{ opened: OpenedInspection; trends: Summary<FeedbackTrends> }> {
  return records.transaction(async (tx, ctx) => {
    const opened = await openInspection(tx, ctx.actor, inspectionId);
    const trends = await readFeedbackTrends(tx, ctx.actor.laCode);
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.view',
      outcome: 'success',
      recordType: 'inspection',
      recordId: opened.inspection.id,
      reason: 'families’ feedback over time',
    });
    return { opened, trends };
  });
}
