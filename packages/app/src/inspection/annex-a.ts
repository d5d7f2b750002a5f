/**
 * The Annex A lists for an inspection, produced from the live record by the returns capability
 * (`returns/annex-a-lists.ts`, one audited read of the LA) as of the inspection's first day (or
 * today, before it starts), and kept with the inspection so that its inspectors choose children
 * to track from the lists the LA gave them. Reading a list is audited (`inspection.view`).
 */
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { londonDate, today } from '../http/forms/dates.ts';
import { NotFoundError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { annexAChildLists } from '../returns/annex-a-lists.ts';
import { openForLa, openInspection, type OpenedInspection } from './access.ts';

const BATCH = 500;
export const LIST_PAGE = 100;

/** The day the lists are as of: the inspection's first day, or today when that is still to come. */
export function annexADate(startsAt: Date | string, now = today()): string {
  const first = londonDate(startsAt);
  return first < now ? first : now;
}

/**
 * Produces (or produces again) the inspection's Annex A lists from the record. The LA only, and
 * only those who may read the returns (`see_returns`). @throws NotFoundError
 */
export async function produceAnnexA(records: PersonRecords, inspectionId: string): Promise<number> {
  const { inspection } = await records.transaction(async (tx) => openForLa(tx, records.actor, inspectionId));
  const asAt = annexADate(inspection.starts_at);
  const lists = await annexAChildLists(records, asAt);
  return records.transaction(async (tx, ctx) => {
    await openForLa(tx, ctx.actor, inspectionId);
    const la = ctx.actor.laCode;
    await tx.deleteFrom('inspection_annex_a_rows').where('inspection_id', '=', inspection.id).execute();
    await tx.deleteFrom('inspection_annex_a_lists').where('inspection_id', '=', inspection.id).execute();
    let total = 0;
    for (const l of lists) {
      await tx
        .insertInto('inspection_annex_a_lists')
        .values({
          inspection_id: inspection.id,
          la_code: la,
          list_name: l.name,
          title: l.title,
          headers: JSON.stringify(l.headers),
          rows: l.rows.length,
        })
        .execute();
      for (let i = 0; i < l.rows.length; i += BATCH) {
        await tx
          .insertInto('inspection_annex_a_rows')
          .values(
            l.rows.slice(i, i + BATCH).map((r, j) => ({
              inspection_id: inspection.id,
              la_code: la,
              list_name: l.name,
              position: i + j,
              person_id: r.personId,
              cells: JSON.stringify(r.cells),
            })),
          )
          .execute();
      }
      total += l.rows.length;
    }
    await tx
      .updateTable('inspections')
      .set({ annex_a_as_at: asAt, annex_a_produced_at: new Date(), annex_a_produced_by: ctx.actor.userId })
      .where('id', '=', inspection.id)
      .execute();
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.update',
      outcome: 'success',
      recordType: 'inspection',
      recordId: inspection.id,
      reason: `annex a produced as at ${asAt}: ${total} rows`,
    });
    return total;
  });
}

export interface ListSummary {
  name: string;
  title: string;
  rows: number;
}

export interface AnnexAPage {
  opened: OpenedInspection;
  list: ListSummary & { headers: string[] };
  rows: { position: number; cells: (string | number | null)[]; canTrack: boolean; tracked: boolean }[];
  page: number;
  pages: number;
}

/** The lists kept for the inspection, in order, with their row counts. */
export async function listSummaries(
  tx: Parameters<typeof openInspection>[0],
  inspectionId: string,
): Promise<ListSummary[]> {
  const rows = await tx
    .selectFrom('inspection_annex_a_lists')
    .select(['list_name', 'title', 'rows'])
    .where('inspection_id', '=', inspectionId)
    .orderBy(sql`(substring(list_name from 6))::int`)
    .execute();
  return rows.map((r) => ({ name: r.list_name, title: r.title, rows: r.rows }));
}

/**
 * One page of one Annex A list, with whether each row's child is tracked already. For the LA and
 * the inspection's inspectors while it is on; audited as `inspection.view` of the list.
 * @throws NotFoundError
 */
export async function readAnnexAList(
  records: PersonRecords,
  inspectionId: string,
  listName: string,
  page = 1,
): Promise<AnnexAPage> {
  return records.transaction(async (tx, ctx) => {
    const opened = await openInspection(tx, ctx.actor, inspectionId);
    const id = opened.inspection.id;
    const list = await tx
      .selectFrom('inspection_annex_a_lists')
      .select(['list_name', 'title', 'rows', 'headers'])
      .where('inspection_id', '=', id)
      .where('list_name', '=', listName)
      .executeTakeFirst();
    if (list === undefined) throw new NotFoundError(`no ${listName} for inspection ${id}`);
    const pages = Math.max(1, Math.ceil(list.rows / LIST_PAGE));
    const p = Math.min(Math.max(1, Math.floor(page)), pages);
    const rows = await tx
      .selectFrom('inspection_annex_a_rows as r')
      .leftJoin('inspection_samples as s', (j) =>
        j.onRef('s.inspection_id', '=', 'r.inspection_id').onRef('s.person_id', '=', 'r.person_id'),
      )
      .select(['r.position', 'r.cells', 'r.person_id', 's.person_id as tracked'])
      .where('r.inspection_id', '=', id)
      .where('r.list_name', '=', listName)
      .orderBy('r.position')
      .limit(LIST_PAGE)
      .offset((p - 1) * LIST_PAGE)
      .execute();
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.view',
      outcome: 'success',
      recordType: 'inspection',
      recordId: id,
      reason: `annex a ${listName} page ${p}`,
    });
    return {
      opened,
      list: { name: list.list_name, title: list.title, rows: list.rows, headers: list.headers },
      rows: rows.map((r) => ({
        position: r.position,
        cells: r.cells,
        canTrack: r.person_id !== null && opened.isOn,
        tracked: r.tracked !== null,
      })),
      page: p,
      pages,
    };
  });
}
