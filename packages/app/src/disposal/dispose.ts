/**
 * Disposal of an approved batch, by the `disposal.run` job: each record in its own transaction.
 * `dispose_person` (migration 0029, the one privileged path) locks the person row, answers 'held'
 * for a record under a legal hold (placed at any time up to that lock: a hold takes a key-share
 * lock on the same row) and otherwise removes the record from every table that holds it; then
 * the audit's events about the person have their personal fields erased (their digests keep the
 * chain whole), the index is told by jobs after commit (involvements withdrawn, CP-IS flags
 * published empty), practice insight's figures are worked out again, and one audit event says
 * only that a record of that kind was disposed of under that rule on that day.
 */
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { enqueuePublishFlags } from '../cpis/publish.ts';
import type { Tx } from '../db/tenant.ts';
import { summariesChanged, summaryKinds } from '../insight/summaries.ts';
import { publicationRef } from '../involvement/index-port.ts';
import { enqueue } from '../jobs/index.ts';
import type { RecordKind, RetentionBasis } from '../la-settings/index.ts';
import { DISPOSAL_WITHDRAW } from './job-names.ts';
import { kindWords, ruleWords } from './rules.ts';

export type DisposeOutcome = 'disposed' | 'held' | 'not_due';

interface Item {
  id: string;
  batch_id: string;
  person_id: string;
  record_kind: RecordKind;
  rule_basis: RetentionBasis;
  rule_years: number;
}

/** Disposes of one record of an approved batch in `tx` (the job's tenant transaction). */
export async function disposeItem(
  tx: Tx,
  laCode: string,
  item: Item,
  day: string,
  jobId: string,
): Promise<DisposeOutcome> {
  // The person row first, as a legal hold takes it: the hold check below cannot be overtaken.
  const person = await tx
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'nhs_number', 'upn', 'la_child_id', 'date_of_birth'])
    .where('id', '=', item.person_id)
    .forUpdate()
    .executeTakeFirst();
  if (person === undefined) return 'not_due';
  const involvements = await tx
    .selectFrom('involvements')
    .select(['id', 'organisation_id', 'version'])
    .where('person_id', '=', item.person_id)
    .execute();
  const requests = await tx
    .selectFrom('feedback_requests')
    .select('id')
    .where((eb) =>
      eb.or([eb('child_id', '=', item.person_id), eb('respondent_person_id', '=', item.person_id)]),
    )
    .execute();
  const names = await tx
    .selectFrom('person_names')
    .select(['given_name', 'family_name'])
    .where('person_id', '=', item.person_id)
    .execute();
  const hasFlags =
    (await tx
      .selectFrom('cpis_flags')
      .select('kind')
      .where('person_id', '=', item.person_id)
      .executeTakeFirst()) !== undefined;

  const { rows } = await sql<{
    outcome: 'disposed' | 'held';
  }>`select dispose_person(${item.person_id}) as outcome`.execute(tx);
  if (rows[0]?.outcome === 'held') {
    await tx
      .updateTable('disposal_items')
      .set({ status: 'held', reason: 'A legal hold was placed before disposal ran', decided_at: new Date() })
      .where('id', '=', item.id)
      .execute();
    return 'held';
  }

  // The audit: the personal fields of every event about them, or naming them, erased.
  const needles = [
    item.person_id,
    ...[person, ...names].map((n) => `${n.given_name} ${n.family_name}`),
    ...[person.nhs_number, person.upn, person.la_child_id].filter((v): v is string => v !== null),
    ...(person.date_of_birth === null ? [] : [`dob=${person.date_of_birth}`]),
    ...involvements.map((i) => i.id),
    ...requests.map((r) => r.id),
  ];
  await sql`select * from erase_audit_subject(${item.person_id}, ${needles}::text[])`.execute(tx);

  // The index, after commit: each involvement withdrawn, the CP-IS flags published as none.
  for (const i of involvements)
    await enqueue(
      tx,
      DISPOSAL_WITHDRAW,
      { ref: publicationRef(laCode, i.id), organisationId: i.organisation_id, version: i.version + 1 },
      { key: `involvement:${i.id}` },
    );
  if (hasFlags) await enqueuePublishFlags(tx, item.person_id);
  await summariesChanged(tx, laCode, summaryKinds);

  await recordAudit(
    tx,
    null,
    { ip: null, requestId: `job:${jobId}` },
    {
      laCode,
      action: 'record.dispose',
      outcome: 'success',
      recordType: `disposal:${item.record_kind}`,
      recordId: item.batch_id,
      reason: `A ${kindWords(item.record_kind).toLowerCase()} record was disposed of under the rule “${ruleWords(item.rule_basis, item.rule_years)}” on ${day}`,
    },
  );
  return 'disposed';
}
