/**
 * Editing a case note with optimistic locking: the editor sends the version they read; if someone
 * else saved in between, nothing is overwritten and the caller gets both versions to compare.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { eventDate, eventDatesBeforeBirth } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { versionRule } from '../http/forms/numbers.ts';
import { text } from './fields.ts';

export const noteEdit = z
  .object({
    notedOn: eventDate('the date of the note'),
    title: text('a title', 200),
    body: text('the note'),
    version: versionRule('The version is missing: reload the note'),
  })
  .strict();
export type NoteEdit = z.infer<typeof noteEdit>;

export interface SavedNote {
  id: string;
  notedOn: string;
  title: string;
  body: string;
  version: number;
  by: string;
  at: Date;
}

async function readNote(tx: Tx, personId: string, noteId: string): Promise<SavedNote | null> {
  const row = await tx
    .selectFrom('case_notes as n')
    .innerJoin('users as u', (j) => j.on(sql`u.id`, '=', sql`coalesce(n.updated_by, n.recorded_by)`))
    .select([
      'n.id',
      'n.noted_on',
      'n.title',
      'n.body',
      'n.version',
      'u.name',
      'n.recorded_at',
      'n.updated_at',
    ])
    .where('n.id', '=', noteId)
    .where('n.person_id', '=', personId)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    notedOn: row.noted_on,
    title: row.title,
    body: row.body,
    version: row.version,
    by: row.name,
    at: row.updated_at ?? row.recorded_at,
  };
}

/** @throws NotFoundError when the caller may not edit the record or the note is not on it */
export async function openNoteForEdit(records: PersonRecords, personId: string, noteId: string) {
  return records.withRecord(personId, 'edit', 'record.view', async (tx, opened) => {
    const id = canonicalUuid(noteId);
    const note = id === null ? null : await readNote(tx, personId, id);
    if (note === null) throw new NotFoundError(`no note ${noteId} on ${personId}`);
    return { opened, note };
  });
}

/**
 * Saves an edit if the note is still at the version the editor read.
 * @throws ValidationError naming each field; ConflictError with `{ current, yours }` when someone else saved first
 */
export async function updateNote(
  records: PersonRecords,
  personId: string,
  sentNoteId: string,
  input: unknown,
): Promise<SavedNote> {
  const v = parseInput(noteEdit, input);
  const noteId = canonicalUuid(sentNoteId);
  const result = await records.withRecord(
    personId,
    'edit',
    'record.update',
    async (tx, opened, ctx) => {
      if (noteId === null) return { missing: true as const };
      const beforeBirth = eventDatesBeforeBirth(noteEdit, v, {
        dateOfBirth: opened.person.date_of_birth,
        givenName: opened.person.given_name,
      });
      if (beforeBirth.length > 0) throw new ValidationError(beforeBirth);
      const updated = await tx
        .updateTable('case_notes')
        .set({
          noted_on: v.notedOn,
          title: v.title,
          body: v.body,
          version: v.version + 1,
          updated_by: ctx.actor.userId,
          updated_at: new Date(),
        })
        .where('id', '=', noteId)
        .where('person_id', '=', personId)
        .where('version', '=', v.version)
        .returning('id')
        .executeTakeFirst();
      const current = await readNote(tx, personId, noteId);
      if (current === null) return { missing: true as const };
      if (updated === undefined) return { conflict: current };
      await records.audit(
        tx,
        'record.update',
        'success',
        personId,
        `case_notes ${noteId} version ${current.version}`,
      );
      return { saved: current };
    },
    { auditSuccess: false },
  );
  if ('missing' in result) throw new NotFoundError(`no note ${noteId} on ${personId}`);
  if ('conflict' in result)
    throw new ConflictError('Someone else changed this note after you opened it', {
      current: result.conflict,
      yours: v,
    });
  return result.saved;
}
