/**
 * The canonical form of an audit event, hashed into the per-tenant chain. Shared by the writer
 * and by `waypoint audit verify`, so both compute the same thing.
 *
 * Two versions. 1 (events written before migration 0029) hashes every field. 2 hashes, in place
 * of the event's personal fields (subject, record id, reason), their salted digest
 * (`payloadDigest`), stored beside them: disposal can then erase the three fields and the salt
 * (erase_audit_subject, migration 0029) while the digest, and so the chain, stays intact; without
 * the salt (128 random bits) the digest cannot be tested against a guessed name.
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
  /** 1 when absent (events before migration 0029). */
  chain_version?: 1 | 2;
  payload_digest?: string | null;
  payload_salt?: string | null;
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
    chain_version: e.chain_version ?? 1,
    payload_digest: e.payload_digest ?? null,
    payload_salt: e.payload_salt ?? null,
  };
}

/** The salted digest of an event's personal fields (chain version 2), as hex. */
export function payloadDigest(
  salt: string,
  e: Pick<ChainedFields, 'subject_person_id' | 'record_id' | 'reason'>,
): string {
  return createHash('sha256')
    .update(JSON.stringify([salt, e.subject_person_id, e.record_id, e.reason]))
    .digest('hex');
}

/**
 * Whether a version 2 event's personal fields still match their digest: 'intact', 'erased' (the
 * fields and salt removed by disposal, the digest kept) or 'altered'. Version 1 events: 'intact'
 * (their fields are in the chain hash itself).
 */
export function payloadState(
  e: ChainedFields & { erased_on?: string | null },
): 'intact' | 'erased' | 'altered' {
  if ((e.chain_version ?? 1) === 1) return 'intact';
  if (e.payload_salt === null || e.payload_salt === undefined) {
    const isErased =
      e.erased_on !== null &&
      e.erased_on !== undefined &&
      e.subject_person_id === null &&
      e.record_id === null &&
      e.reason === null;
    return isErased ? 'erased' : 'altered';
  }
  return payloadDigest(e.payload_salt, e) === e.payload_digest ? 'intact' : 'altered';
}

/**
 * sha256 over the previous hash and the event's fields, in a fixed order: version 1 over every
 * field, version 2 over the personal fields' digest instead of the fields.
 */
export function auditEventHash(prevHash: string, e: ChainedFields): string {
  if ((e.chain_version ?? 1) === 2) {
    const v2 = JSON.stringify([
      prevHash,
      2,
      e.id,
      e.la_code,
      e.seq,
      e.occurred_at.toISOString(),
      e.actor_user_id,
      e.on_behalf_of,
      e.organisation_id,
      e.record_type,
      e.action,
      e.outcome,
      e.ip,
      e.request_id,
      e.payload_digest ?? null,
    ]);
    return createHash('sha256').update(v2).digest('hex');
  }
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
