/**
 * Derives a child's CP-IS flags from the journey record (`scope.ts` decides) and keeps the LA's
 * copy, `cpis_flags`, in step: new, changed and ended flags are written, flags whose look-back has
 * passed are removed, and a change is published to the involvement index by a job after commit
 * (`publish.ts`). Runs as a job after a plan or care step commits, and daily for every flag
 * (the 12-month look-back expires without anybody recording anything).
 */
import { isValidNhsNumber } from '@waypoint/identifiers';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { enqueuePublishFlags } from './publish.ts';
import { deriveFlags, type DerivedFlag, type FlagKind } from './scope.ts';
import './tables.ts';

/** The index entry a flag is published as: one per plan (unborn then born) and one for care. */
export function referenceOf(personId: string, kind: FlagKind): string {
  return `${personId}:${kind === 'lac' ? 'lac' : 'cp'}`;
}

/** The expectant mother of an unborn child, whichever way round the relationship was recorded. */
async function motherOf(tx: Tx, personId: string): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    select r.related_person_id as id from person_relationships r
      where r.person_id = ${personId} and r.type = 'mother' and r.ended_on is null
    union all
    select r.person_id from person_relationships r join people m on m.id = r.person_id
      where r.related_person_id = ${personId} and r.type in ('unborn-child-of', 'child')
        and m.sex = 'female' and r.ended_on is null
    limit 1`.execute(tx);
  return rows[0]?.id ?? null;
}

export interface DeriveResult {
  /** Flags written (new or changed). */
  changed: DerivedFlag[];
  /** Kinds removed (look-back passed, or the record no longer supports them). */
  removed: FlagKind[];
  /** Kinds that entered scope in this derivation. */
  entered: FlagKind[];
}

/**
 * Derives `personId`'s flags on `today` in `tx` (a tenant transaction of the child's LA).
 * Idempotent: a second run with nothing new changes nothing.
 */
export async function derivePerson(tx: Tx, personId: string, today: string): Promise<DeriveResult> {
  const person = await tx
    .selectFrom('people')
    .select(['id', 'la_code', 'kind'])
    .where('id', '=', personId)
    .executeTakeFirst();
  const result: DeriveResult = { changed: [], removed: [], entered: [] };
  if (person === undefined) return result;
  const [plans, care, existing] = await Promise.all([
    tx
      .selectFrom('cp_plans')
      .select(['started_on as startedOn', 'ended_on as endedOn'])
      .where('person_id', '=', personId)
      .execute(),
    tx
      .selectFrom('care_episodes')
      .select(['started_on as startedOn', 'ended_on as endedOn', 'legal_status as legalStatus'])
      .where('person_id', '=', personId)
      .execute(),
    tx.selectFrom('cpis_flags').selectAll().where('person_id', '=', personId).forUpdate().execute(),
  ]);
  const flags = deriveFlags({ kind: person.kind, cpPlans: plans, careEpisodes: care }, today);
  const keyPerson = flags.some((f) => f.kind === 'unborn-cpp') ? await motherOf(tx, personId) : personId;
  const keys = await tx
    .selectFrom('people')
    .select(['id', 'nhs_number', 'date_of_birth'])
    .where('id', 'in', [personId, ...(keyPerson === null ? [] : [keyPerson])])
    .execute();
  for (const f of flags) {
    const prior = existing.find((e) => e.kind === f.kind);
    const keyPersonId = f.kind === 'unborn-cpp' ? keyPerson : personId;
    const key = keys.find((k) => k.id === keyPersonId);
    // Canonical: digits only, and only a number that passes the check digit can be matched.
    const digits = key?.nhs_number?.replace(/[\s-]/g, '') ?? null;
    const nhs = digits !== null && isValidNhsNumber(digits) ? digits : null;
    const dob = key?.date_of_birth ?? null;
    if (
      prior !== undefined &&
      prior.started_on === f.since &&
      prior.ended_on === f.until &&
      prior.key_person_id === keyPersonId &&
      prior.nhs_number === nhs &&
      prior.key_date_of_birth === dob
    )
      continue;
    // The born child's plan carries the unborn plan's day of entering scope.
    const carried =
      f.kind === 'cpp' ? existing.find((e) => e.kind === 'unborn-cpp')?.entered_scope_on : undefined;
    const entered = prior?.entered_scope_on ?? carried ?? today;
    if (prior === undefined && carried === undefined) result.entered.push(f.kind);
    await tx
      .insertInto('cpis_flags')
      .values({
        la_code: person.la_code,
        person_id: personId,
        kind: f.kind,
        started_on: f.since,
        ended_on: f.until,
        key_person_id: keyPersonId,
        nhs_number: nhs,
        key_date_of_birth: dob,
        entered_scope_on: entered,
        derived_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['person_id', 'kind']).doUpdateSet((eb) => ({
          started_on: f.since,
          ended_on: f.until,
          key_person_id: keyPersonId,
          nhs_number: nhs,
          key_date_of_birth: dob,
          derived_at: new Date(),
          version: eb('cpis_flags.version', '+', 1),
        })),
      )
      .execute();
    result.changed.push(f);
  }
  for (const e of existing) {
    if (flags.some((f) => f.kind === e.kind)) continue;
    await tx.deleteFrom('cpis_flags').where('person_id', '=', personId).where('kind', '=', e.kind).execute();
    result.removed.push(e.kind);
  }
  // What the index holds follows, after commit (publish.ts).
  if (result.changed.length > 0 || result.removed.length > 0) await enqueuePublishFlags(tx, personId);
  return result;
}
