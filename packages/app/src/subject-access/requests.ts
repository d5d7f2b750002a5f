/**
 * Subject access requests (the `answer_subject_access` capability, the data protection officer):
 * recording one (who asked, about whom, on what basis, when received → the statutory due date),
 * the list with due dates, extension, completion and withdrawal. Every write is one transaction
 * with one audit event; the record is read only through the caller-bound repository
 * (`withRecord`, the `subject_access` ability). A caller without the capability, or a request of
 * another LA, is answered as not found.
 */
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { SubjectAccessBasis, SubjectAccessStatus } from '../db/schema-subject-access.ts';
import type { Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { dateRule, today } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { choice, optionalText, text } from '../journey/fields.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { dueDateOf, extendedDateOf, timelinessOf, type Timeliness } from './due-dates.ts';

/** @throws NotFoundError unless the caller may answer subject access requests */
export function requireSubjectAccess(records: PersonRecords): void {
  if (!can(records.actor.roles, 'answer_subject_access'))
    throw new NotFoundError(`${records.actor.userId} does not answer subject access requests`);
}

export const basisWords: Record<SubjectAccessBasis, string> = {
  self: 'The person themself',
  parental_responsibility: 'A parent with parental responsibility, for their child',
  authorised_representative: 'Someone authorised to act for the person',
};

export interface RequestSummary {
  id: string;
  subjectId: string;
  subjectName: string;
  requesterName: string;
  basis: SubjectAccessBasis;
  receivedOn: string;
  dueOn: string;
  extendedTo: string | null;
  status: SubjectAccessStatus;
  timeliness: Timeliness;
}

export interface RequestRow extends RequestSummary {
  requesterPersonId: string | null;
  basisNote: string | null;
  extensionReason: string | null;
  version: number;
  createdBy: string;
}

async function requestRows(tx: Tx, laCode: string, id?: string): Promise<RequestRow[]> {
  let q = tx
    .selectFrom('subject_access_requests as r')
    .innerJoin('people as p', 'p.id', 'r.subject_person_id')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.subject_person_id',
      'p.given_name',
      'p.family_name',
      'r.requester_person_id',
      'r.requester_name',
      'r.basis',
      'r.basis_note',
      'r.received_on',
      'r.due_on',
      'r.extended_to',
      'r.extension_reason',
      'r.status',
      'r.version',
      'u.name as created_by',
    ])
    .where('r.la_code', '=', laCode);
  if (id !== undefined) q = q.where('r.id', '=', id);
  const rows = await q.orderBy('r.status').orderBy('r.due_on').orderBy('r.id').limit(500).execute();
  const now = today();
  return rows.map((r) => {
    const dueOn = r.extended_to ?? r.due_on;
    return {
      id: r.id,
      subjectId: r.subject_person_id,
      subjectName: `${r.given_name} ${r.family_name}`,
      requesterName: r.requester_name,
      requesterPersonId: r.requester_person_id,
      basis: r.basis,
      basisNote: r.basis_note,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      extendedTo: r.extended_to,
      extensionReason: r.extension_reason,
      status: r.status,
      version: r.version,
      createdBy: r.created_by,
      timeliness: timelinessOf({ status: r.status, dueOn }, now),
    };
  });
}

/** The LA's requests, open first by due date; audited as one read of the list. */
export async function listRequests(records: PersonRecords): Promise<RequestSummary[]> {
  requireSubjectAccess(records);
  return records.transaction(async (tx) => {
    const rows = await requestRows(tx, records.actor.laCode);
    await recordAudit(tx, records.actor, records.meta, {
      action: 'sar.view',
      outcome: 'success',
      recordType: 'subject_access_request',
      reason: `the list of requests: ${rows.length}`,
    });
    return rows;
  });
}

/** One request's row (no record read). @throws NotFoundError */
export async function requestOf(records: PersonRecords, requestId: string): Promise<RequestRow> {
  requireSubjectAccess(records);
  const id = canonicalUuid(requestId);
  if (id === null) throw new NotFoundError('not a subject access request id');
  const row = await records.transaction(async (tx) => (await requestRows(tx, records.actor.laCode, id))[0]);
  if (row === undefined) throw new NotFoundError(`no subject access request ${id}`);
  return row;
}

/** Who, on the record, could have asked for this person's information (the new request form). */
export interface RequesterChoice {
  personId: string;
  name: string;
  relationship: string;
  hasParentalResponsibility: boolean;
}

const parentTypes = ['mother', 'father', 'step-parent'] as const;

/** The subject's parents and carers recorded on their record, with their parental responsibility. */
async function parentsOf(tx: Tx, subjectId: string): Promise<RequesterChoice[]> {
  const direct = await tx
    .selectFrom('person_relationships as r')
    .innerJoin('people as p', 'p.id', 'r.related_person_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'r.type', 'r.parental_responsibility'])
    .where('r.person_id', '=', subjectId)
    .where('r.type', 'in', [...parentTypes, 'carer', 'foster-carer', 'grandparent'])
    .execute();
  const inverse = await tx
    .selectFrom('person_relationships as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'r.type', 'r.parental_responsibility'])
    .where('r.related_person_id', '=', subjectId)
    .where('r.type', '=', 'child')
    .execute();
  const out = new Map<string, RequesterChoice>();
  for (const r of [...direct, ...inverse]) {
    const prior = out.get(r.id);
    out.set(r.id, {
      personId: r.id,
      name: `${r.given_name} ${r.family_name}`,
      relationship:
        r.type === 'child' ? 'Parent' : r.type.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      hasParentalResponsibility: (prior?.hasParentalResponsibility ?? false) || r.parental_responsibility,
    });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The new request form's subject and who may have asked, read through the repository. */
export async function newRequestChoices(
  records: PersonRecords,
  subjectId: string,
): Promise<{
  subject: { id: string; name: string; dateOfBirth: string | null; kind: string };
  parents: RequesterChoice[];
}> {
  requireSubjectAccess(records);
  return records.withRecord(subjectId, 'subject_access', 'record.view', async (tx, opened) => ({
    subject: {
      id: opened.person.id,
      name: `${opened.person.given_name} ${opened.person.family_name}`,
      dateOfBirth: opened.person.date_of_birth,
      kind: opened.person.kind,
    },
    parents: await parentsOf(tx, opened.person.id),
  }));
}

export const newRequestInput = z
  .object({
    subjectId: z.uuid({ error: 'Find the person the request is about' }),
    requester: choice(['self', 'parent', 'representative'], 'Select who made the request'),
    parentId: z.string().max(100).optional(),
    requesterName: optionalText(200, 'the name of the person who asked'),
    basisNote: optionalText(2_000, 'the note on the basis'),
    receivedOn: dateRule('the date the request was received', {
      when: 'past',
      earliest: () => extendedBack(),
    }),
  })
  .superRefine((v, ctx) => {
    if (v.requester === 'parent' && canonicalUuid(v.parentId ?? '') === null)
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'Select the parent who made the request' });
    if (v.requester === 'representative' && (v.requesterName ?? '') === '')
      ctx.addIssue({
        code: 'custom',
        path: ['requesterName'],
        message: 'Enter the name of the person who asked',
      });
    if (v.requester === 'representative' && (v.basisNote ?? '') === '')
      ctx.addIssue({
        code: 'custom',
        path: ['basisNote'],
        message: 'Enter how they are authorised to act for the person (for example, their signed consent)',
      });
  });

/** A request received more than a year ago is not a new one. */
const extendedBack = (): string => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Records a request: due one calendar month after it was received. A parent must be recorded with
 * parental responsibility for the child. Audited (`sar.create`). @returns the request's id
 * @throws ValidationError, NotFoundError
 */
export async function createRequest(records: PersonRecords, input: unknown): Promise<string> {
  requireSubjectAccess(records);
  const d = parseInput(newRequestInput, input);
  return records.withRecord(
    d.subjectId,
    'subject_access',
    'sar.create',
    async (tx, opened) => {
      const subject = opened.person;
      let requesterPersonId: string | null = null;
      let requesterName = d.requesterName ?? '';
      let basis: SubjectAccessBasis = 'authorised_representative';
      if (d.requester === 'self') {
        requesterPersonId = subject.id;
        requesterName = `${subject.given_name} ${subject.family_name}`;
        basis = 'self';
      } else if (d.requester === 'parent') {
        const parent = (await parentsOf(tx, subject.id)).find(
          (p) => p.personId === canonicalUuid(d.parentId ?? ''),
        );
        if (parent === undefined)
          throw new ValidationError([
            { field: 'parentId', message: 'Select the parent who made the request' },
          ]);
        if (!parent.hasParentalResponsibility)
          throw new ValidationError([
            {
              field: 'parentId',
              message: `${parent.name} is not recorded as having parental responsibility for ${subject.given_name}: record it on the family page first, or choose someone authorised to act for them`,
            },
          ]);
        requesterPersonId = parent.personId;
        requesterName = parent.name;
        basis = 'parental_responsibility';
      }
      const row = await tx
        .insertInto('subject_access_requests')
        .values({
          la_code: records.actor.laCode,
          subject_person_id: subject.id,
          requester_person_id: requesterPersonId,
          requester_name: requesterName,
          basis,
          basis_note: d.basisNote ?? null,
          received_on: d.receivedOn,
          due_on: dueDateOf(d.receivedOn),
          created_by: records.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, records.actor, records.meta, {
        action: 'sar.create',
        outcome: 'success',
        subjectPersonId: subject.id,
        recordType: 'subject_access_request',
        recordId: row.id,
        reason: `basis ${basis}; received ${d.receivedOn}; due ${dueDateOf(d.receivedOn)}`,
      });
      return row.id;
    },
    { auditSuccess: false },
  );
}

export const updateInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('extend'), reason: text('why the time limit is extended', 2_000) }),
  z.object({ action: z.literal('complete') }),
  z.object({ action: z.literal('withdraw'), reason: text('why the request is withdrawn', 2_000) }),
]);

/**
 * Extends the time limit by two further months (with the reason), completes or withdraws an open
 * request. Audited (`sar.update`). @throws ValidationError, NotFoundError
 */
export async function updateRequest(
  records: PersonRecords,
  requestId: string,
  input: unknown,
): Promise<void> {
  const d = parseInput(updateInput, input);
  const r = await requestOf(records, requestId);
  await records.withRecord(
    r.subjectId,
    'subject_access',
    'sar.update',
    async (tx) => {
      const row = await tx
        .selectFrom('subject_access_requests')
        .selectAll()
        .where('id', '=', r.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (row.status !== 'open')
        throw new ValidationError([{ field: 'action', message: 'This request is no longer open' }]);
      if (d.action === 'extend' && row.extended_to !== null)
        throw new ValidationError([{ field: 'reason', message: 'The time limit has already been extended' }]);
      const now = new Date();
      await tx
        .updateTable('subject_access_requests')
        .set({
          ...(d.action === 'extend'
            ? { extended_to: extendedDateOf(row.received_on), extension_reason: d.reason }
            : d.action === 'complete'
              ? { status: 'completed', completed_at: now }
              : { status: 'withdrawn', completed_at: now }),
          updated_by: records.actor.userId,
          updated_at: now,
          version: row.version + 1,
        })
        .where('id', '=', r.id)
        .execute();
      await recordAudit(tx, records.actor, records.meta, {
        action: 'sar.update',
        outcome: 'success',
        subjectPersonId: r.subjectId,
        recordType: 'subject_access_request',
        recordId: r.id,
        reason:
          d.action === 'extend'
            ? `extended to ${extendedDateOf(row.received_on)}`
            : d.action === 'withdraw'
              ? `withdrawn: ${d.reason}`
              : 'completed',
      });
    },
    { auditSuccess: false },
  );
}
