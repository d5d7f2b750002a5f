/**
 * Writes one audit event in the caller's transaction, chained to the tenant's previous event.
 * The chain head row is locked until the transaction ends, so events are numbered without gaps
 * and the audit commits or rolls back with the work it describes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Tx } from '../db/tenant.ts';
import type { AuditAction, AuditOutcome } from './actions.ts';
import {
  auditEventHash,
  canonicalEvent,
  GENESIS_HASH,
  payloadDigest,
  payloadState,
  type ChainedFields,
} from './canonical.ts';

export interface AuditEventInput {
  action: AuditAction;
  outcome: AuditOutcome;
  /** The tenant whose chain records it; defaults to the actor's acting LA. */
  laCode?: string;
  subjectPersonId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  reason?: string | null;
}

/** Who did it: a signed-in actor, or (before sign-in succeeds) the user the attempt was for. */
export type AuditWho = Pick<Actor, 'userId' | 'organisationId' | 'laCode'> & {
  onBehalfOf?: string | undefined;
};

export async function recordAudit(
  tx: Tx,
  who: AuditWho | null,
  meta: RequestMeta,
  input: AuditEventInput,
): Promise<void> {
  const laCode = input.laCode ?? who?.laCode;
  if (laCode === undefined) throw new Error('recordAudit needs a tenant: pass laCode when there is no actor');
  const lockHead = () =>
    tx
      .selectFrom('audit_chain_heads')
      .select(['seq', 'hash'])
      .where('la_code', '=', laCode)
      .forUpdate()
      .executeTakeFirst();
  let head = await lockHead();
  if (head === undefined) {
    // The tenant's first event: create its chain head (racing creators meet on the primary key).
    await tx
      .insertInto('audit_chain_heads')
      .values({ la_code: laCode, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('la_code').doNothing())
      .execute();
    head = await lockHead();
    if (head === undefined) throw new Error(`audit chain head for ${laCode} could not be created`);
  }
  // Hashed in the form the columns store it (an id sent in upper case is stored lower-cased).
  const event: ChainedFields = canonicalEvent({
    id: randomUUID(),
    la_code: laCode,
    seq: head.seq + 1,
    occurred_at: new Date(),
    actor_user_id: who?.userId ?? null,
    on_behalf_of: who?.onBehalfOf ?? null,
    organisation_id: who?.organisationId ?? null,
    subject_person_id: input.subjectPersonId ?? null,
    record_type: input.recordType ?? null,
    record_id: input.recordId ?? null,
    action: input.action,
    outcome: input.outcome,
    reason: input.reason ?? null,
    ip: meta.ip,
    request_id: meta.requestId,
    chain_version: 2,
  });
  // The personal fields enter the chain through their salted digest, so disposal can erase them.
  event.payload_salt = randomBytes(16).toString('hex');
  event.payload_digest = payloadDigest(event.payload_salt, event);
  const hash = auditEventHash(head.hash, event);
  // The event and the moved head in one statement (one round trip); the head's row lock is held.
  const stored = await tx
    .with('appended', (q) =>
      q
        .insertInto('audit_events')
        .values({
          ...event,
          chain_version: 2,
          outcome: input.outcome,
          prev_hash: head.hash,
          hash,
        })
        .returningAll(),
    )
    .with('moved', (q) =>
      q
        .updateTable('audit_chain_heads')
        .set({ seq: event.seq, hash })
        .where('la_code', '=', laCode)
        .returning('seq'),
    )
    .selectFrom('appended')
    .selectAll()
    .executeTakeFirstOrThrow();
  // What verify will recompute from the row: if the database stored anything other than what was
  // hashed, fail the transaction now rather than leave a chain that reads as tampered.
  const back = { ...stored, occurred_at: new Date(stored.occurred_at) };
  if (auditEventHash(stored.prev_hash, back) !== hash || payloadState(back) !== 'intact')
    throw new Error(`audit event ${event.id} was not stored as hashed (a field is not canonical)`);
}
