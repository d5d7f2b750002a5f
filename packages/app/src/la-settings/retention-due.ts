/**
 * What is due for disposal under the LA's retention schedule: every child's record with its kinds
 * (looked after, child protection, child in need, contact only), date of birth and the day it last
 * closed, and "kept until" from `keptUntil`. A record under a legal hold is never due. One
 * set-based read in the administrator's tenant, audited as one search.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { auditWho } from '../auth/admin/access.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { keptUntil, retentionRules, type RecordKind, type RetentionRule } from './retention-rules.ts';

export interface RetentionRow {
  personId: string;
  name: string;
  dateOfBirth: string | null;
  kinds: RecordKind[];
  keptUntil: string | null;
  /** The kind whose rule sets `keptUntil`. */
  ruleKind: RecordKind | null;
  onHold: boolean;
}

interface Facts {
  id: string;
  name: string;
  dob: string | null;
  has_care: boolean;
  has_cp: boolean;
  has_cin: boolean;
  has_contact: boolean;
  is_open: boolean;
  closed_on: string | null;
  on_hold: boolean;
}

/**
 * Every child record of the LA with its kinds, "kept until" and the rule that sets it, read in
 * `tx` (a tenant transaction of `laCode`). Not audited: callers audit their own read.
 */
export async function retentionRows(
  tx: Tx,
  laCode: string,
  rules: readonly RetentionRule[],
): Promise<RetentionRow[]> {
  const rows = await sql<Facts>`
    select p.id, p.given_name || ' ' || p.family_name as name, p.date_of_birth::text as dob,
      exists (select 1 from care_episodes c where c.person_id = p.id) as has_care,
      (exists (select 1 from cp_plans c where c.person_id = p.id)
        or exists (select 1 from s47_enquiries s where s.person_id = p.id)) as has_cp,
      exists (select 1 from cin_episodes e where e.person_id = p.id) as has_cin,
      exists (select 1 from contacts k where k.person_id = p.id) as has_contact,
      (exists (select 1 from cin_episodes e where e.person_id = p.id and e.closed_on is null)
        or exists (select 1 from care_episodes c where c.person_id = p.id and c.ended_on is null)) as is_open,
      greatest((select max(closed_on) from cin_episodes e where e.person_id = p.id),
               (select max(ended_on) from care_episodes c where c.person_id = p.id),
               (select max(received_on) from contacts k where k.person_id = p.id))::text as closed_on,
      exists (select 1 from legal_holds h where h.person_id = p.id and h.lifted_at is null) as on_hold
    from people p
    where p.la_code = ${laCode} and p.kind = 'child'`.execute(tx);
  return rows.rows.map((r): RetentionRow => {
    const kinds: RecordKind[] = [];
    if (r.has_care) kinds.push('looked_after');
    if (r.has_cp) kinds.push('child_protection');
    if (r.has_cin) kinds.push('child_in_need');
    if (kinds.length === 0 && r.has_contact) kinds.push('contact_only');
    const k =
      kinds.length === 0
        ? null
        : keptUntil(rules, { dateOfBirth: r.dob, kinds, closedOn: r.closed_on, isOpen: r.is_open });
    return {
      personId: r.id,
      name: r.name,
      dateOfBirth: r.dob,
      kinds,
      keptUntil: k?.until ?? null,
      ruleKind: k?.kind ?? null,
      onHold: r.on_hold,
    };
  });
}

/** Those of `rows` due on `today` (kept until before it, not on hold), oldest first. */
export function dueOn(rows: readonly RetentionRow[], today: string): RetentionRow[] {
  return rows
    .filter((r) => r.keptUntil !== null && r.keptUntil < today && !r.onHold)
    .sort((a, b) => a.keptUntil!.localeCompare(b.keptUntil!));
}

/**
 * Every child record of the LA with its "kept until", and those due on `today` (kept until before
 * it, not on hold), oldest first.
 */
export async function retentionDue(
  db: Kysely<Schema>,
  admin: Actor,
  today: string,
  meta: RequestMeta,
): Promise<{ due: RetentionRow[]; held: RetentionRow[]; records: number }> {
  const rules = await retentionRules(db, admin.laCode);
  return inTenant(db, admin.laCode, async (tx) => {
    const all = await retentionRows(tx, admin.laCode, rules);
    const due = dueOn(all, today);
    const held = all.filter((r) => r.onHold);
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'record.search',
      outcome: 'success',
      recordType: 'retention',
      reason: `retention review on ${today}: ${due.length} due of ${all.length} records`,
    });
    return { due, held, records: all.length };
  });
}

/** Places a legal hold (litigation, an inquiry) on a child's record of the LA, audited. False when there is no such child. */
export async function placeLegalHold(
  db: Kysely<Schema>,
  admin: Actor,
  personId: string,
  reason: string,
  meta: RequestMeta,
): Promise<boolean> {
  return inTenant(db, admin.laCode, (tx) => placeLegalHoldIn(tx, admin, personId, reason, meta));
}

/**
 * `placeLegalHold` in the caller's tenant transaction. The person row is key-share locked first:
 * a disposal under way (which holds it for update) finishes before, and the record is then gone
 * (false); a disposal starting after waits for this hold and then finds it.
 */
export async function placeLegalHoldIn(
  tx: Tx,
  actor: Actor,
  personId: string,
  reason: string,
  meta: RequestMeta,
): Promise<boolean> {
  const person = await tx
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .where('la_code', '=', actor.laCode)
    .forKeyShare()
    .executeTakeFirst();
  if (person === undefined) return false;
  await tx
    .insertInto('legal_holds')
    .values({ la_code: actor.laCode, person_id: personId, reason, placed_by: actor.userId })
    .execute();
  await recordAudit(tx, auditWho(actor), meta, {
    action: 'record.update',
    outcome: 'success',
    subjectPersonId: personId,
    recordType: 'legal_hold',
    reason,
  });
  return true;
}
