/**
 * Documents attached to a child's record (letters, reports, plans from other agencies): stored in
 * the database with their SHA-256, at most 10 MB, of the kinds councils exchange. Adding one needs
 * `edit`; reading one needs `view_case_notes` (documents carry narrative), and is audited.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { eventDate, eventDatesBeforeBirth } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { optionalText } from './fields.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Allowed kinds, by extension, with the type they are served as. */
export const documentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  heic: 'image/heic',
  eml: 'message/rfc822',
};

export const documentInput = z.object({
  filename: z
    .string({ error: 'Select a file' })
    .trim()
    .min(1, 'Select a file')
    .max(200, 'The file name must be 200 characters or fewer')
    .refine((n) => (n.split('.').pop()?.toLowerCase() ?? '') in documentTypes, {
      message: `The file must be a ${Object.keys(documentTypes).join(', ').toUpperCase()}`,
    }),
  data: z
    .instanceof(Buffer, { error: 'Select a file' })
    .refine((b) => b.length > 0, 'The selected file is empty')
    .refine((b) => b.length <= MAX_DOCUMENT_BYTES, 'The file must be smaller than 10 MB'),
  description: optionalText(500, 'what it is'),
  addedOn: eventDate('the date of the document'),
});
export type DocumentInput = z.infer<typeof documentInput>;

/**
 * What the content of each allowed kind is recognised as by its signature (`file-type`, which reads
 * the magic bytes and, for Office and OpenDocument files, the zip's entries). Text kinds have no
 * signature: their content must not be recognised as anything and must be text.
 */
const signatures: Record<string, readonly string[] | 'text'> = {
  pdf: ['pdf'],
  doc: ['cfb'],
  docx: ['docx'],
  odt: ['odt'],
  rtf: ['rtf'],
  txt: 'text',
  csv: 'text', // agencies' chronology uploads (learning-reviews/chronology.ts)
  png: ['png'],
  jpg: ['jpg'],
  jpeg: ['jpg'],
  heic: ['heic'],
  eml: 'text',
};

/** Text: valid UTF-8 with no NUL or other control characters than tab, line feed, form feed and carriage return. */
function isText(data: Buffer): boolean {
  const sample = data.subarray(0, 64 * 1024);
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
  try {
    // Streaming: a character cut at the end of the sample is not an error; any other bad byte is.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: sample.length < data.length });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the content is what the file's name says (a renamed program is not a PDF).
 * @returns the message naming the mismatch, or null when it matches
 */
export async function contentMismatch(filename: string, data: Buffer): Promise<string | null> {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  const expected = signatures[ext];
  if (expected === undefined) return null; // the schema refuses the kind itself
  const found = await fileTypeFromBuffer(data);
  const kind = ext.toUpperCase();
  if (expected === 'text') {
    if (found === undefined && isText(data)) return null;
    return found === undefined
      ? `The selected file is not a ${kind} file: its content is not text`
      : `The selected file is not a ${kind} file: its content is a ${found.ext.toUpperCase()} file`;
  }
  if (found !== undefined && expected.includes(found.ext)) return null;
  return found === undefined
    ? `The selected file is not a ${kind} file: its content is not recognised as one`
    : `The selected file is not a ${kind} file: its content is a ${found.ext.toUpperCase()} file`;
}

/** @throws ValidationError naming the field; NotFoundError without `edit` */
export async function addDocument(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ id: string }> {
  const d = parseInput(documentInput, input);
  const ext = d.filename.split('.').pop()?.toLowerCase() ?? '';
  const mismatch = await contentMismatch(d.filename, d.data);
  if (mismatch !== null) throw new ValidationError([{ field: 'data', message: mismatch }]);
  return records.withRecord(
    personId,
    'edit',
    'record.create',
    async (tx, opened, ctx) => {
      const beforeBirth = eventDatesBeforeBirth(documentInput, d, {
        dateOfBirth: opened.person.date_of_birth,
        givenName: opened.person.given_name,
      });
      if (beforeBirth.length > 0) throw new ValidationError(beforeBirth);
      const row = await tx
        .insertInto('documents')
        .values({
          la_code: ctx.actor.laCode,
          person_id: personId,
          filename: d.filename.replace(/[\\/]/g, '_'),
          content_type: documentTypes[ext] ?? 'application/octet-stream',
          size_bytes: d.data.length,
          sha256: createHash('sha256').update(d.data).digest('hex'),
          content: d.data,
          description: d.description ?? null,
          added_on: d.addedOn,
          recorded_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await records.audit(tx, 'record.create', 'success', personId, `document ${row.id}`);
      return row;
    },
    { auditSuccess: false },
  );
}

/** @throws NotFoundError without `view_case_notes`, or for a document not on this record */
export async function readDocument(records: PersonRecords, personId: string, documentId: string) {
  return records.withRecord(
    personId,
    'view_case_notes',
    'record.view',
    async (tx) => {
      const doc =
        canonicalUuid(documentId) !== null
          ? await tx
              .selectFrom('documents')
              .select(['id', 'filename', 'content_type', 'content', 'sha256'])
              .where('id', '=', documentId)
              .where('person_id', '=', personId)
              .executeTakeFirst()
          : undefined;
      if (doc === undefined) throw new NotFoundError(`no document ${documentId} on ${personId}`);
      await records.audit(tx, 'record.view', 'success', personId, `document ${doc.id}`);
      return doc;
    },
    { auditSuccess: false },
  );
}
