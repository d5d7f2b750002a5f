/**
 * The canonical form of an audit event, hashed into the per-tenant chain. Shared by the writer
 * and by `waypoint audit verify`, so both compute the same thing.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: string;
  la_code: string;
  seq: number;
  occurred_at: Date;
  actor_user_id: string | null;
  on_behalf_of: string | null;
  organisation_id: string | null;
  subject_person_id: string | null;
  record_type: string | null;
  record_id: string | null;
  action: string;
  outcome: string;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
}

/** sha256 over the previous hash and the event's fields, in a fixed order. */
export function auditEventHash(prevHash: string, e: ChainedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    e.id,
    e.la_code,
    e.seq,
    e.occurred_at.toISOString(),
    e.actor_user_id,
    e.on_behalf_of,
    e.organisation_id,
    e.subject_person_id,
    e.record_type,
    e.record_id,
    e.action,
    e.outcome,
    e.reason,
    e.ip,
    e.request_id,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
