/**
 * Tracking a child: an inspector (or the LA) chooses a child from one of the inspection's Annex A
 * lists. A tracked child is a sampled child (`inspection_samples`), which the `inspection_sample`
 * relationship turns into a read-only view for the inspection's inspectors until it ends.
 * Audited as `inspection.track` about the child.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openInspection } from './access.ts';
import { z } from 'zod';

export const trackInput = z.object({
  list: z.string().regex(/^List (10|[1-9])$/),
  position: z.coerce.number().int().min(0),
});

/**
 * Tracks the child of row `position` of `list`. Returns the child's record id.
 * @throws NotFoundError (no such inspection or row for the caller); ValidationError when it has ended
 */
export async function trackFromList(
  records: PersonRecords,
  inspectionId: string,
  body: unknown,
): Promise<string> {
  const parsed = trackInput.safeParse(body);
  if (!parsed.success) throw new NotFoundError('no such Annex A row');
  const { list, position } = parsed.data;
  return records.transaction(async (tx, ctx) => {
    const opened = await openInspection(tx, ctx.actor, inspectionId);
    if (!opened.isOn && new Date(opened.inspection.ends_at).getTime() <= Date.now())
      throw new ValidationError([
        { field: 'body', message: 'The inspection has ended: no child can be tracked' },
      ]);
    const row = await tx
      .selectFrom('inspection_annex_a_rows')
      .select('person_id')
      .where('inspection_id', '=', opened.inspection.id)
      .where('list_name', '=', list)
      .where('position', '=', position)
      .executeTakeFirst();
    if (row?.person_id == null) throw new NotFoundError(`no child at ${list} row ${position}`);
    await tx
      .insertInto('inspection_samples')
      .values({
        inspection_id: opened.inspection.id,
        person_id: row.person_id,
        la_code: ctx.actor.laCode,
        source: opened.part === 'la' ? 'la' : 'annex_a',
        added_by: ctx.actor.userId,
      })
      .onConflict((oc) => oc.columns(['inspection_id', 'person_id']).doNothing())
      .execute();
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.track',
      outcome: 'success',
      subjectPersonId: canonicalUuid(row.person_id),
      recordType: 'inspection',
      recordId: opened.inspection.id,
      reason: `from annex a ${list}`,
    });
    return row.person_id;
  });
}
