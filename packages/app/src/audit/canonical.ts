/**
 * The canonical form of an audit event, hashed into the per-tenant chain. Shared by the writer
 * and by `waypoint audit verify`, so both compute the same thing.
 */
import { createHash } from 'node:crypto';
import { canonicalUuid } from '../db/uuid.ts';

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

/**
 * Text as PostgreSQL stores it: well-formed UTF-16 (a lone surrogate would be stored as U+FFFD by
 * the driver's UTF-8 encoding) and no NUL (which PostgreSQL refuses), so that what is hashed is
 * exactly what is stored and an odd input can never stop an audit event being written.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function canonicalText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

const orNull = <T>(v: T | null | undefined, f: (x: T) => string | null): string | null =>
  v === null || v === undefined ? null : f(v);

/**
 * Every field of an event in the form its column stores: uuids lower-case and hyphenated (a
 * value that is not a uuid is null: a uuid column could not hold it), `la_code` padded as
 * `char(3)` pads, text made canonical, the time at the millisecond a JavaScript date holds.
 */
export function canonicalEvent(e: ChainedFields): ChainedFields {
  const text = (v: string) => canonicalText(v);
  return {
    id: canonicalUuid(e.id) ?? e.id,
    la_code: canonicalText(e.la_code).padEnd(3, ' '),
    seq: e.seq,
    occurred_at: new Date(e.occurred_at.getTime()),
    actor_user_id: orNull(e.actor_user_id, canonicalUuid),
    on_behalf_of: orNull(e.on_behalf_of, text),
    organisation_id: orNull(e.organisation_id, canonicalUuid),
    subject_person_id: orNull(e.subject_person_id, canonicalUuid),
    record_type: orNull(e.record_type, text),
    // A text column, so stored as given; an id in it is written in its canonical form.
    record_id: orNull(e.record_id, (v) => canonicalUuid(v) ?? canonicalText(v)),
    action: canonicalText(e.action),
    outcome: canonicalText(e.outcome),
    reason: orNull(e.reason, text),
    ip: orNull(e.ip, text),
    request_id: orNull(e.request_id, text),
  };
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
