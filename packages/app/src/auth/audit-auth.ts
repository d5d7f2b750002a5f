/** Audit of sign-in and account events, written in the user's home tenant chain. */
import type { Kysely } from 'kysely';
import type { RequestMeta } from './actor.ts';
import type { AuditEventInput } from '../audit/record-audit.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';

/** The user an event is about (and, before sign-in completes, by). */
export interface AuditUser {
  id: string;
  la_code: string;
  organisation_id: string;
}

/**
 * Runs `work` and records one audit event in the same transaction, in the user's tenant.
 * @example await auditAuthEvent(db, user, meta, { action: 'auth.sign_in', outcome: 'success' });
 */
export async function auditAuthEvent(
  db: Kysely<Schema>,
  user: AuditUser,
  meta: RequestMeta,
  input: AuditEventInput,
  work?: (tx: Tx) => Promise<void>,
): Promise<void> {
  await auditAuthDecided(db, user, meta, async (tx) => {
    if (work !== undefined) await work(tx);
    return input;
  });
}

/**
 * Runs `decide`, whose answer is the one audit event recorded in the same transaction (what the
 * work found decides the outcome, e.g. a replayed code), in the user's tenant.
 */
export async function auditAuthDecided(
  db: Kysely<Schema>,
  user: AuditUser,
  meta: RequestMeta,
  decide: (tx: Tx) => Promise<AuditEventInput>,
): Promise<AuditEventInput> {
  return inTenant(db, user.la_code, async (tx) => {
    const event = await decide(tx);
    await recordAudit(
      tx,
      { userId: user.id, organisationId: user.organisation_id, laCode: user.la_code },
      meta,
      { laCode: user.la_code, recordType: 'user', recordId: user.id, ...event },
    );
    return event;
  });
}
