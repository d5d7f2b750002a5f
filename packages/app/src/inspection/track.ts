/**
 * Tracking a child: an inspector (or the LA) chooses a child from one of the inspection's Annex A
 * lists, or the LA adds any child of its record by LA child ID (`addToSample`). A tracked child is a sampled child (`inspection_samples`), which the `inspection_sample`
 * relationship turns into a read-only view for the inspection's inspectors until it ends.
 * Audited as `inspection.track` about the child.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openForLa, openInspection } from './access.ts';
import { z } from 'zod';
import type { Field } from '../http/forms/form.ts';
import { childByLaChildId } from '../people/by-census-id.ts';

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

export const addToSampleInput = z.object({
  laChildId: z
    .string({ error: 'Enter the child’s LA child ID' })
    .trim()
    .min(1, 'Enter the child’s LA child ID')
    .max(40, 'LA child ID must be 40 characters or fewer'),
});

export const addToSampleFields: readonly Field[] = [
  {
    kind: 'text',
    name: 'laChildId',
    label: 'LA child ID',
    hint: 'As in the CIN census, the SSDA903 return and the Annex A lists',
  },
];

/**
 * The LA adds a child of its record to the inspection's sample, by LA child ID, until the
 * inspection ends. Returns the child's record id.
 * @throws NotFoundError (not the LA of this inspection); ValidationError (no such child, or ended)
 */
export async function addToSample(
  records: PersonRecords,
  inspectionId: string,
  body: unknown,
): Promise<string> {
  const parsed = addToSampleInput.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ field: 'laChildId', message: i.message })).slice(0, 1),
    );
  const { laChildId } = parsed.data;
  return records.transaction(async (tx, ctx) => {
    const opened = await openForLa(tx, ctx.actor, inspectionId);
    if (new Date(opened.inspection.ends_at).getTime() <= Date.now())
      throw new ValidationError([
        { field: 'laChildId', message: 'The inspection has ended: no child can be added' },
      ]);
    const child = await childByLaChildId(tx, ctx.actor.laCode, laChildId);
    if (child === null)
      throw new ValidationError([
        { field: 'laChildId', message: 'No child in the council’s record has that LA child ID' },
      ]);
    await tx
      .insertInto('inspection_samples')
      .values({
        inspection_id: opened.inspection.id,
        person_id: child,
        la_code: ctx.actor.laCode,
        source: 'la',
        added_by: ctx.actor.userId,
      })
      .onConflict((oc) => oc.columns(['inspection_id', 'person_id']).doNothing())
      .execute();
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.track',
      outcome: 'success',
      subjectPersonId: canonicalUuid(child),
      recordType: 'inspection',
      recordId: opened.inspection.id,
      reason: 'added by the LA',
    });
    return child;
  });
}
