/**
 * The daily proposal: every record of the LA due for disposal on the day (kept until before it,
 * no legal hold), not already waiting in a batch and not taken out of one in the last year, as
 * one batch for the data protection officer to approve. One transaction; a second proposal on the
 * same day finds the day's batch (unique per LA and day) and adds nothing.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { dueOn, retentionRows, retentionRules } from '../la-settings/index.ts';

export interface Proposal {
  batchId: string;
  records: number;
}

/** Proposes the day's batch for `laCode`; null when nothing new is due or the day's batch exists. */
export async function proposeBatch(
  db: Kysely<Schema>,
  laCode: string,
  today: string,
  jobId: string | null = null,
): Promise<Proposal | null> {
  return inTenant(db, laCode, (tx) => proposeBatchIn(tx, laCode, today, jobId));
}

/** `proposeBatch` in the caller's tenant transaction (the job's). */
export async function proposeBatchIn(
  tx: Tx,
  laCode: string,
  today: string,
  jobId: string | null,
): Promise<Proposal | null> {
  const rules = await retentionRules(tx, laCode);
  {
    const excluded = await sql<{ person_id: string }>`
      select person_id from disposal_items
       where la_code = ${laCode} and person_id is not null
         and (status = 'proposed' or (status = 'removed' and decided_at > now() - interval '1 year'))`.execute(
      tx,
    );
    const skip = new Set(excluded.rows.map((r) => r.person_id));
    const due = dueOn(await retentionRows(tx, laCode, rules), today).filter((r) => !skip.has(r.personId));
    if (due.length === 0) return null;
    const batch = await tx
      .insertInto('disposal_batches')
      .values({ la_code: laCode, proposed_on: today })
      .onConflict((oc) => oc.columns(['la_code', 'proposed_on']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (batch === undefined) return null;
    await tx
      .insertInto('disposal_items')
      .values(
        due.map((r) => {
          const rule = rules.find((x) => x.kind === r.ruleKind)!;
          return {
            la_code: laCode,
            batch_id: batch.id,
            person_id: r.personId,
            record_kind: rule.kind,
            rule_basis: rule.basis,
            rule_years: rule.years,
            kept_until: r.keptUntil!,
          };
        }),
      )
      .execute();
    await recordAudit(
      tx,
      null,
      { ip: null, requestId: jobId === null ? null : `job:${jobId}` },
      {
        laCode,
        action: 'disposal.propose',
        outcome: 'success',
        recordType: 'disposal_batch',
        recordId: batch.id,
        reason: `${due.length} records due for disposal on ${today}`,
      },
    );
    return { batchId: batch.id, records: due.length };
  }
}
