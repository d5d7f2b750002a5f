/**
 * "Who else is involved?": a practitioner with a relationship to the child (or the front door
 * screening a contact about them), or a partner holding an involvement, asks the index with a
 * reason. Access is checked (and a refusal audited) before the index is asked; the index is asked
 * outside any transaction; the look-up is then recorded (on the child's timeline) with one audit
 * event naming the reason and what came back.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { parseInput } from '../http/forms/issues.ts';
import type { PersonRecords } from '../records/person-records.ts';
import {
  indexPort,
  publicationRef,
  type Caller,
  type ChildIdentity,
  type LookupAnswer,
} from './index-port.ts';
import { lookupInput, type LookupInput } from './input.ts';
import { lookupReasons, wordsFor } from './words.ts';
import type { PartnerInvolvements } from './partner-records.ts';

export type LookupResult = LookupAnswer | { outcome: 'unavailable' };

/** The council's record as the index's query: identity and the current (unrestricted) postcode. */
export async function identityOfPerson(tx: Tx, personId: string): Promise<ChildIdentity | null> {
  const p = await tx
    .selectFrom('people')
    .select(['given_name', 'family_name', 'date_of_birth', 'nhs_number', 'sex'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (p === undefined || p.date_of_birth === null) return null;
  const a = await tx
    .selectFrom('addresses')
    .select('postcode')
    .where('person_id', '=', personId)
    .where('ended_on', 'is', null)
    .where('is_restricted', '=', false)
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
  return {
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    nhsNumber: p.nhs_number,
    postcode: a?.postcode ?? null,
    sex: p.sex,
  };
}

async function callerOf(db: Kysely<Schema>, actor: Actor): Promise<Caller> {
  const org = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', actor.organisationId)
    .executeTakeFirst();
  return {
    userId: actor.userId,
    name: actor.name,
    email: actor.email,
    organisationId: actor.organisationId,
    organisationName: org?.name ?? '',
    laCode: actor.laCode,
    phone: null,
  };
}

async function ask(
  db: Kysely<Schema>,
  actor: Actor,
  identity: ChildIdentity,
  input: LookupInput,
  excludeRef: string | null,
): Promise<LookupResult> {
  const port = indexPort();
  if (port === null) return { outcome: 'unavailable' };
  try {
    return await port.lookup({
      identity,
      caller: await callerOf(db, actor),
      reason: input.reason,
      reasonText: input.reasonText ?? null,
      excludeRef,
    });
  } catch {
    return { outcome: 'unavailable' };
  }
}

const agencyCount = (r: LookupResult) => (r.outcome === 'answered' ? r.agencies.length : 0);

async function recordLookup(
  db: Kysely<Schema>,
  actor: Actor,
  meta: RequestMeta,
  at: { personId: string | null; involvementId: string | null },
  input: LookupInput,
  result: LookupResult,
): Promise<void> {
  await inTenant(db, actor.laCode, async (tx) => {
    const { id } = await tx
      .insertInto('involvement_lookups')
      .values({
        la_code: actor.laCode,
        person_id: at.personId,
        involvement_id: at.involvementId,
        asked_by: actor.userId,
        organisation_id: actor.organisationId,
        reason: input.reason,
        reason_text: input.reasonText ?? null,
        outcome: result.outcome,
        agencies: agencyCount(result),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, meta, {
      action: 'involvement.lookup',
      outcome: 'success',
      subjectPersonId: at.personId,
      recordType: at.personId === null ? 'involvement' : 'person',
      recordId: at.personId ?? at.involvementId,
      reason: `${input.reason}${input.reasonText ? `: ${input.reasonText}` : ''}; lookup ${id}${'indexLookupId' in result && result.indexLookupId ? ` (index ${result.indexLookupId})` : ''}; ${result.outcome}; agencies=${agencyCount(result)}`,
    });
  });
}

/**
 * Looks up who else is involved with a child on the council's record. The caller needs to be able
 * to view the record (a relationship, or the front door screening a contact), or, for a learning
 * review's chronology, `review_read`: otherwise the refusal is audited and the answer is not found.
 * @throws NotFoundError, ValidationError
 */
export async function lookupForChild(
  db: Kysely<Schema>,
  records: PersonRecords,
  personId: string,
  rawInput: unknown,
  need: 'view' | 'review_read' = 'view',
): Promise<LookupResult> {
  const input = parseInput(lookupInput, rawInput);
  const identity = await records.withRecord(
    personId,
    need,
    'involvement.lookup',
    (tx, opened) => identityOfPerson(tx, opened.person.id),
    {
      auditSuccess: false,
    },
  );
  if (identity === null) return { outcome: 'none' };
  const result = await ask(db, records.actor, identity, input, null);
  await recordLookup(db, records.actor, records.meta, { personId, involvementId: null }, input, result);
  return result;
}

/**
 * A partner looks up who else is involved with a child they hold an involvement for, from their
 * own record of the child (their own publication left out). @throws NotFoundError, ValidationError
 */
export async function lookupForInvolvement(
  db: Kysely<Schema>,
  partner: PartnerInvolvements,
  involvementId: string,
  rawInput: unknown,
): Promise<LookupResult> {
  const input = parseInput(lookupInput, rawInput);
  const { row } = await partner.view(involvementId);
  if (row.child_given_name === null || row.child_family_name === null || row.child_date_of_birth === null)
    return { outcome: 'none' };
  const identity: ChildIdentity = {
    givenName: row.child_given_name,
    familyName: row.child_family_name,
    dateOfBirth: row.child_date_of_birth,
    nhsNumber: row.child_nhs_number,
    postcode: row.child_postcode,
    sex: row.child_sex,
  };
  const result = await ask(db, partner.actor, identity, input, publicationRef(row.la_code, row.id));
  await recordLookup(
    db,
    partner.actor,
    partner.meta,
    { personId: row.person_id, involvementId: row.id },
    input,
    result,
  );
  return result;
}

/**
 * The journey page's "Agencies involved": the caller's latest look-up on this child asked again
 * (refreshed on every opening, with the reason they gave), or nothing when they have not asked.
 * The opening itself is audited by the journey; this re-checks access and records no new look-up.
 */
export async function agenciesForJourney(
  db: Kysely<Schema>,
  records: PersonRecords,
  personId: string,
): Promise<{ asked: false } | { asked: true; reason: string; result: LookupResult }> {
  const last = await records.withRecord(
    personId,
    'view',
    'record.view',
    async (tx, opened) => {
      const l = await tx
        .selectFrom('involvement_lookups')
        .select(['reason', 'reason_text'])
        .where('person_id', '=', opened.person.id)
        .where('asked_by', '=', records.actor.userId)
        .orderBy('asked_at', 'desc')
        .executeTakeFirst();
      return l === undefined ? null : { ...l, identity: await identityOfPerson(tx, opened.person.id) };
    },
    { auditSuccess: false },
  );
  if (last === null) return { asked: false };
  const input = { reason: last.reason, reasonText: last.reason_text ?? undefined } as LookupInput;
  const result: LookupResult =
    last.identity === null ? { outcome: 'none' } : await ask(db, records.actor, last.identity, input, null);
  return { asked: true, reason: wordsFor(lookupReasons, last.reason), result };
}
