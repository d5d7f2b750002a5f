/**
 * "Who has viewed this record" for the record's managers and the data protection officer, and
 * the export of every audit event about a person for a subject access request. Both are
 * themselves audited.
 */
import type { Abilities } from '../access/policy.ts';
import type { PersonRecords, PersonRow } from './person-records.ts';

export interface AuditTrailEntry {
  occurredAt: Date;
  action: string;
  outcome: string;
  actorName: string | null;
  actorEmail: string | null;
  organisation: string | null;
  onBehalfOf: string | null;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}

async function trail(
  records: PersonRecords,
  personId: string,
  need: 'view_audit' | 'export_audit',
): Promise<{ person: PersonRow; abilities: Abilities; entries: AuditTrailEntry[] }> {
  const action = need === 'view_audit' ? 'audit.view' : 'audit.export';
  return records.withRecord(personId, need, action, async (tx, opened, ctx) => {
    const rows = await tx
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
      .select([
        'e.occurred_at',
        'e.action',
        'e.outcome',
        'e.on_behalf_of',
        'e.reason',
        'e.ip',
        'e.request_id',
        'u.name',
        'u.email',
        'o.name as org_name',
      ])
      .where('e.subject_person_id', '=', personId)
      .where('e.la_code', '=', ctx.actor.laCode)
      .where((eb) =>
        need === 'view_audit'
          ? eb('e.action', 'in', ['record.view', 'record.print', 'record.export', 'break_glass.grant'])
          : eb.val(true),
      )
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.seq', 'desc')
      .limit(need === 'view_audit' ? 500 : 100_000)
      .execute();
    return {
      person: opened.person,
      abilities: opened.abilities,
      entries: rows.map((r) => ({
        occurredAt: new Date(r.occurred_at),
        action: r.action,
        outcome: r.outcome,
        actorName: r.name,
        actorEmail: r.email,
        organisation: r.org_name,
        onBehalfOf: r.on_behalf_of,
        reason: r.reason,
        ip: r.ip,
        requestId: r.request_id,
      })),
    };
  });
}

/** Views and other disclosures of a person's record, newest first. */
export function whoViewed(records: PersonRecords, personId: string) {
  return trail(records, personId, 'view_audit');
}

/** Every audit event about a person (subject access request). */
export function exportAuditTrail(records: PersonRecords, personId: string) {
  return trail(records, personId, 'export_audit');
}
