/**
 * What some users read, from the audit: their events in a tenant between two moments, oldest
 * first. For a capability that must show an LA what visitors to its record read (inspection/: what
 * the inspectors viewed). The caller decides who may see it and audits that it was seen.
 */
import type { Tx } from '../db/tenant.ts';

export interface AuditedRead {
  occurredAt: Date;
  userId: string;
  action: string;
  outcome: string;
  subjectPersonId: string | null;
  recordType: string | null;
  reason: string | null;
}

/** The events of `userIds` in `laCode` from `from` (inclusive) to `to` (exclusive). */
export async function auditedEventsBy(
  tx: Tx,
  laCode: string,
  userIds: readonly string[],
  from: Date,
  to: Date,
): Promise<AuditedRead[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .selectFrom('audit_events')
    .select([
      'occurred_at',
      'actor_user_id',
      'action',
      'outcome',
      'subject_person_id',
      'record_type',
      'reason',
    ])
    .where('la_code', '=', laCode)
    .where('actor_user_id', 'in', userIds)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .orderBy('occurred_at')
    .orderBy('seq')
    .limit(20_000)
    .execute();
  return rows.map((r) => ({
    occurredAt: new Date(r.occurred_at),
    userId: r.actor_user_id ?? '',
    action: r.action,
    outcome: r.outcome,
    subjectPersonId: r.subject_person_id,
    recordType: r.record_type,
    reason: r.reason,
  }));
}
