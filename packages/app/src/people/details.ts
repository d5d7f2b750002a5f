/**
 * A person's details: identity with names and addresses history (a restricted address shown only
 * to those who may see restricted fields), adding an address or a name, and editing the identity
 * with optimistic locking: the update names the version it was based on, and if someone saved in
 * between nothing is overwritten and the caller gets both versions back.
 */
import { z } from 'zod';
import { afterIdentityChange } from '../cpis/jobs.ts';
import type { Abilities } from '../access/policy.ts';
import { ConflictError, ValidationError } from '../http/errors.ts';
import { lifeDate } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { versionRule } from '../http/forms/numbers.ts';
import { text } from '../journey/fields.ts';
import type { OpenedRecord, PersonRecords, PersonRow } from '../records/person-records.ts';
import { addressInput, insertAddress, personColumns, personInput, type PersonInput } from './person-input.ts';

export interface AddressView {
  id: string;
  /** "Restricted address" for viewers who may not see restricted fields. */
  text: string;
  postcode: string | null;
  startedOn: string;
  endedOn: string | null;
  isRestricted: boolean;
  isCurrent: boolean;
}

export interface NameView {
  id: string;
  kind: 'previous' | 'alias' | 'preferred';
  name: string;
  startedOn: string | null;
  endedOn: string | null;
}

export interface Details {
  opened: OpenedRecord;
  names: NameView[];
  addresses: AddressView[];
}

export const nameInput = z
  .object({
    kind: z.enum(['previous', 'alias', 'preferred'], { error: 'Select what kind of name this is' }),
    givenName: text('the given name', 200),
    familyName: text('the family name', 200),
    startedOn: lifeDate('the date they started using it').optional(),
    endedOn: lifeDate('the date they stopped using it').optional(),
  })
  .strict();
export type NameInput = z.infer<typeof nameInput>;

/** The person's details, names and addresses; audited as a view. @throws NotFoundError */
export async function readDetails(records: PersonRecords, personId: string): Promise<Details> {
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened) => {
    const [names, addresses] = [
      await tx
        .selectFrom('person_names')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('started_on', 'desc')
        .orderBy('recorded_at', 'desc')
        .execute(),
      await tx
        .selectFrom('addresses')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('started_on', 'desc')
        .execute(),
    ];
    return {
      opened,
      names: names.map((n) => ({
        id: n.id,
        kind: n.kind,
        name: `${n.given_name} ${n.family_name}`,
        startedOn: n.started_on,
        endedOn: n.ended_on,
      })),
      addresses: addresses.map((a) => presentAddress(a, opened.abilities)),
    };
  });
}

/** An address for this viewer: a restricted one only to those who may see restricted fields. */
export function presentAddress(
  a: {
    id: string;
    line1: string;
    line2: string | null;
    town: string | null;
    postcode: string;
    started_on: string;
    ended_on: string | null;
    is_restricted: boolean;
  },
  abilities: Abilities,
): AddressView {
  const hidden = a.is_restricted && !abilities.view_restricted_fields;
  return {
    id: a.id,
    text: hidden ? 'Restricted address' : [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join(', '),
    postcode: hidden ? null : a.postcode,
    startedOn: a.started_on,
    endedOn: a.ended_on,
    isRestricted: a.is_restricted,
    isCurrent: a.ended_on === null,
  };
}

/** Adds an address (the current one ends). Only those who may see restricted fields may add a restricted one. @throws ValidationError, NotFoundError */
export async function addAddress(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ id: string }> {
  const a = parseInput(addressInput, input);
  return records.withRecord(
    personId,
    'edit',
    'record.update',
    async (tx, opened, ctx) => {
      if (a.isRestricted && !opened.abilities.view_restricted_fields)
        throw new ValidationError([
          { field: 'isRestricted', message: 'Ask the allocated worker to record a restricted address' },
        ]);
      const id = await insertAddress({ tx, laCode: ctx.actor.laCode, userId: ctx.actor.userId }, personId, a);
      await records.audit(tx, 'record.update', 'success', personId, `address ${id} added`);
      return { id };
    },
    { auditSuccess: false },
  );
}

/** Records a previous name, an alias or a preferred name. @throws ValidationError, NotFoundError */
export async function addName(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ id: string }> {
  const n = parseInput(nameInput, input);
  if (n.startedOn !== undefined && n.endedOn !== undefined && n.endedOn < n.startedOn)
    throw new ValidationError([
      { field: 'endedOn', message: 'The date they stopped using it must be after they started' },
    ]);
  return records.withRecord(
    personId,
    'edit',
    'record.update',
    async (tx, _opened, ctx) => {
      const row = await tx
        .insertInto('person_names')
        .values({
          la_code: ctx.actor.laCode,
          person_id: personId,
          kind: n.kind,
          given_name: n.givenName,
          family_name: n.familyName,
          started_on: n.startedOn ?? null,
          ended_on: n.endedOn ?? null,
          recorded_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await records.audit(tx, 'record.update', 'success', personId, `name ${row.id} added`);
      return { id: row.id };
    },
    { auditSuccess: false },
  );
}

/** A stored person as personInput takes it (for merging a partial change, or comparing). */
export function personToInput(p: PersonRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: p.kind,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth ?? undefined,
    expectedDateOfBirth: p.expected_date_of_birth ?? undefined,
    sex: p.sex ?? undefined,
    nhsNumber: p.nhs_number ?? undefined,
    upn: p.upn ?? undefined,
    ethnicity: p.ethnicity ?? undefined,
    disabilities: p.disabilities,
    firstLanguage: p.first_language ?? undefined,
    interpreterNeeded: p.interpreter_needed === null ? undefined : p.interpreter_needed ? 'yes' : 'no',
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export interface UpdateConflict {
  yours: PersonInput;
  current: PersonRow;
}

/**
 * Saves a person's identity if nobody has saved since `version`. With `merge`, `changes` is laid
 * over what is stored (the API's PATCH); otherwise it is the whole form.
 * @throws ValidationError; NotFoundError; ConflictError with `data.conflict` ({ yours, current }) when the record moved on
 */
export async function updatePerson(
  records: PersonRecords,
  personId: string,
  input: { version: unknown; changes: Record<string, unknown>; merge?: boolean },
): Promise<{ version: number }> {
  const { version } = parseInput(z.object({ version: versionRule() }), { version: input.version });
  if (input.merge !== true) parseInput(personInput, input.changes);
  const result = await records.withRecord(
    personId,
    'edit',
    'record.update',
    async (tx, opened, ctx) => {
      const p = parseInput(
        personInput,
        input.merge === true ? { ...personToInput(opened.person), ...input.changes } : input.changes,
      );
      const row = await tx
        .updateTable('people')
        .set((eb) => ({
          ...personColumns(p),
          updated_by: ctx.actor.userId,
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', personId)
        .where('version', '=', version)
        .returning('version')
        .executeTakeFirst();
      if (row === undefined) {
        const current = await tx
          .selectFrom('people')
          .selectAll()
          .where('id', '=', personId)
          .executeTakeFirstOrThrow();
        await records.audit(
          tx,
          'record.update',
          'failure',
          personId,
          `version conflict: based on ${version}, now ${current.version}`,
        );
        return { conflict: { yours: p, current } satisfies UpdateConflict };
      }
      await records.audit(tx, 'record.update', 'success', personId, `details; version ${row.version}`);
      // A birth, a date of birth or an NHS number changes what CP-IS shares, after commit.
      const before = opened.person;
      if (
        before.kind !== p.kind ||
        before.nhs_number !== (p.nhsNumber ?? null) ||
        before.date_of_birth !== (p.kind === 'unborn' ? null : (p.dateOfBirth ?? null))
      )
        await afterIdentityChange(tx, personId);
      return { version: row.version };
    },
    { auditSuccess: false },
  );
  if ('conflict' in result)
    throw new ConflictError('Someone else changed this record while you were editing it', {
      conflict: result.conflict,
    });
  return result;
}
