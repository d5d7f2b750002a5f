/**
 * One inspection's page: its kind and dates, its inspectors, its Annex A lists and the children
 * tracked on it (who tracked each, from where). For the LA and, while it is on, its inspectors.
 * Audited as `inspection.view`.
 */
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openInspection, type OpenedInspection } from './access.ts';
import { listSummaries, type ListSummary } from './annex-a.ts';
import { inspectorsOf, type InspectorRow } from './inspectors.ts';
import { stateOf, type InspectionSummary } from './setup.ts';

export interface TrackedChild {
  personId: string;
  name: string;
  laChildId: string | null;
  source: 'annex_a' | 'la';
  addedBy: string | null;
  addedAt: Date;
}

export interface InspectionOverview {
  opened: OpenedInspection;
  state: InspectionSummary['state'];
  inspectors: InspectorRow[];
  lists: ListSummary[];
  tracked: TrackedChild[];
}

/** @throws NotFoundError */
export async function inspectionOverview(
  records: PersonRecords,
  inspectionId: string,
): Promise<InspectionOverview> {
  return records.transaction(async (tx, ctx) => {
    const opened = await openInspection(tx, ctx.actor, inspectionId);
    const id = opened.inspection.id;
    const tracked = await tx
      .selectFrom('inspection_samples as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .leftJoin('users as u', 'u.id', 's.added_by')
      .select([
        's.person_id',
        's.source',
        's.added_at',
        'u.name as added_by',
        'p.is_restricted',
        'p.given_name',
        'p.family_name',
        sql<string | null>`(select r.cells->>0 from inspection_annex_a_rows r
          where r.inspection_id = s.inspection_id and r.person_id = s.person_id limit 1)`.as('la_child_id'),
      ])
      .where('s.inspection_id', '=', id)
      .orderBy('s.added_at')
      .execute();
    const result: InspectionOverview = {
      opened,
      state: stateOf(opened.inspection),
      inspectors: await inspectorsOf(tx, id),
      lists: await listSummaries(tx, id),
      tracked: tracked.map((t) => ({
        personId: t.person_id,
        name: t.is_restricted ? 'Restricted record' : `${t.given_name} ${t.family_name}`,
        laChildId: t.la_child_id,
        source: t.source,
        addedBy: t.added_by,
        addedAt: new Date(t.added_at),
      })),
    };
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.view',
      outcome: 'success',
      recordType: 'inspection',
      recordId: id,
      reason: `overview; tracked=${tracked.length}`,
    });
    return result;
  });
}
