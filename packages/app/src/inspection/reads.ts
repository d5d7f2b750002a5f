/**
 * What the inspectors viewed, for the LA: every audited event of the inspection's inspectors in
 * the LA from its start to its end (from the audit, `audit/reads-by.ts`), grouped by inspector and
 * child (how many reads, first and last, any refused), and the other things they opened (Annex A
 * lists, the inspection's page). The LA's looking is itself audited (`audit.view`).
 */
import { auditedEventsBy } from '../audit/reads-by.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { openForLa, type OpenedInspection } from './access.ts';
import { inspectorsOf } from './inspectors.ts';

export interface ChildReads {
  inspector: string;
  personId: string;
  child: string;
  reads: number;
  refused: number;
  first: Date;
  last: Date;
}

export interface InspectorReads {
  opened: OpenedInspection;
  children: ChildReads[];
  /** Reads of the inspection's own pages and lists: by inspector, what, how many times. */
  other: { inspector: string; what: string; times: number; last: Date }[];
}

const childActions = new Set(['record.view', 'record.print', 'record.search', 'inspection.track']);

/** @throws NotFoundError unless the caller runs the LA's inspections */
export async function inspectorReads(records: PersonRecords, inspectionId: string): Promise<InspectorReads> {
  return records.transaction(async (tx, ctx) => {
    const opened = await openForLa(tx, ctx.actor, inspectionId);
    const i = opened.inspection;
    const inspectors = await inspectorsOf(tx, i.id);
    const names = new Map(inspectors.map((x) => [x.userId, x.name]));
    const events = await auditedEventsBy(
      tx,
      ctx.actor.laCode,
      inspectors.map((x) => x.userId),
      new Date(i.starts_at),
      new Date(i.ends_at),
    );
    const personIds = [
      ...new Set(events.flatMap((e) => (e.subjectPersonId === null ? [] : [e.subjectPersonId]))),
    ];
    const people =
      personIds.length === 0
        ? []
        : await tx
            .selectFrom('people')
            .select(['id', 'given_name', 'family_name', 'is_restricted'])
            .where('id', 'in', personIds)
            .execute();
    const childName = new Map(
      people.map((p) => [p.id, p.is_restricted ? 'Restricted record' : `${p.given_name} ${p.family_name}`]),
    );
    const byChild = new Map<string, ChildReads>();
    const other = new Map<string, InspectorReads['other'][number]>();
    for (const e of events) {
      const inspector = names.get(e.userId) ?? 'Unknown';
      if (e.subjectPersonId !== null && childActions.has(e.action)) {
        const key = `${e.userId}:${e.subjectPersonId}`;
        const c = byChild.get(key) ?? {
          inspector,
          personId: e.subjectPersonId,
          child: childName.get(e.subjectPersonId) ?? 'Not found',
          reads: 0,
          refused: 0,
          first: e.occurredAt,
          last: e.occurredAt,
        };
        if (e.outcome === 'success') c.reads += 1;
        else c.refused += 1;
        c.last = e.occurredAt;
        byChild.set(key, c);
      } else if (e.action === 'inspection.view') {
        const what = (e.reason ?? '').startsWith('annex a')
          ? (e.reason ?? '').replace(/ page \d+$/, '')
          : 'the inspection’s page';
        const key = `${e.userId}:${what}`;
        const o = other.get(key) ?? {
          inspector,
          what: what.replace(/^annex a/, 'Annex A'),
          times: 0,
          last: e.occurredAt,
        };
        o.times += 1;
        o.last = e.occurredAt;
        other.set(key, o);
      }
    }
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'audit.view',
      outcome: 'success',
      recordType: 'inspection',
      recordId: i.id,
      reason: `inspector reads: ${events.length} events`,
    });
    return {
      opened,
      children: [...byChild.values()].sort((a, b) => b.last.getTime() - a.last.getTime()),
      other: [...other.values()],
    };
  });
}
