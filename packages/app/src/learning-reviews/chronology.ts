/**
 * The multi-agency chronology, assembled from the records rather than re-typed: the subject
 * children's journey events in the review's period (contacts, decisions, visits, plans,
 * involvements; read through the caller-bound repository as `review_read`, each read audited),
 * and what agencies submit (a form, a CSV or a .docx per agency), merged into one timeline with
 * each entry's source. Reviewers annotate and exclude entries, with reasons.
 */
import { parse } from 'csv-parse/sync';
import type { Insertable } from 'kysely';
import { z } from 'zod';
import { buildAccessContext } from '../access/access-context.ts';
import type { LearningReviewTables } from '../db/schema-learning-reviews.ts';
import type { Tx } from '../db/tenant.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { eventDate, checkDate, longDate } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { optionalText, text } from '../journey/fields.ts';
import {
  indexedInvolvementsInPeriod,
  recordedInvolvementsInPeriod,
  type PeriodInvolvement,
} from '../involvement/in-period.ts';
import { indexPort } from '../involvement/index-port.ts';
import { lookupForChild, type LookupResult } from '../involvement/lookup.ts';
import { docxText } from '../journey/document-text.ts';
import { contentMismatch } from '../journey/documents.ts';
import { readTimeline } from '../journey/timeline.ts';
import { PersonRecords } from '../records/person-records.ts';
import { inReview, subjectChildren, type ReviewCaller, type ReviewRow } from './access.ts';

export interface ChronologyEntry {
  id: string;
  source: string;
  agency: string;
  occurredOn: string;
  title: string;
  detail: string | null;
  annotation: string | null;
  isExcluded: boolean;
  excludedReason: string | null;
  version: number;
}

export const sourceLabels: Record<string, string> = {
  journey: 'From the record',
  'agency-form': 'Submitted by the agency',
  'agency-csv': 'Agency upload (CSV)',
  'agency-docx': 'Agency upload (Word)',
  involvement: 'Agency’s involvement (the record)',
  index: 'Agency’s involvement (the involvement index)',
};

/** The review's chronology in date order (and the agencies that may submit to it). */
export async function readChronology(
  caller: ReviewCaller,
  reviewId: string,
): Promise<{ review: ReviewRow; entries: ChronologyEntry[]; agencies: { id: string; name: string }[] }> {
  return inReview(caller, reviewId, 'read', 'review.view', 'chronology', async (tx, review) => ({
    review,
    entries: await entriesOf(tx, review.id),
    agencies: await agenciesOf(tx, review.id),
  }));
}

/** The entries of a review, in date order (for the chronology page and the report). */
export async function entriesOf(tx: Tx, reviewId: string): Promise<ChronologyEntry[]> {
  const rows = await tx
    .selectFrom('review_chronology')
    .selectAll()
    .where('review_id', '=', reviewId)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    agency: r.agency,
    occurredOn: r.occurred_on,
    title: r.title,
    detail: r.detail,
    annotation: r.annotation,
    isExcluded: r.is_excluded,
    excludedReason: r.excluded_reason,
    version: r.version,
  }));
}

async function agenciesOf(tx: Tx, reviewId: string) {
  return tx
    .selectFrom('review_agencies as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['o.id', 'o.name'])
    .where('a.review_id', '=', reviewId)
    .orderBy('o.name')
    .execute();
}

/** What building the chronology added, and what the involvement index answered. */
export interface BuildResult {
  /** Entries added from the council's record (journey events and agencies' involvements). */
  fromRecord: number;
  /** Entries added for other areas' agencies found in the involvement index. */
  fromIndex: number;
  /** The index's answer for the children asked about ('unavailable' if it could not be reached for any). */
  index: LookupResult['outcome'];
}

type Values = Insertable<LearningReviewTables['review_chronology']>;

/** A chronology entry for each end of an involvement that falls in the period (a start before it shows at its start). */
function involvementEntries(
  review: ReviewRow,
  childId: string,
  childName: string,
  inv: PeriodInvolvement,
  source: 'involvement' | 'index',
  userId: string,
): Values[] {
  const from = review.period_from ?? inv.since;
  const to = review.period_to ?? inv.until ?? inv.since;
  const area = source === 'index' ? ` (area ${inv.laCode})` : '';
  const what = `${inv.service}${inv.role !== inv.service ? `, ${inv.role}` : ''}`;
  const span = `Involved from ${longDate(inv.since)}${inv.until === null ? '' : ` until ${longDate(inv.until)}`}.`;
  const base = {
    la_code: review.la_code,
    review_id: review.id,
    source,
    person_id: childId,
    organisation_id: inv.organisationId,
    agency: `${inv.agency}${area}`,
    created_by: userId,
  };
  const out: Values[] = [
    {
      ...base,
      source_ref: `${childId}:${inv.ref}:start`,
      occurred_on: inv.since < from ? from : inv.since,
      title:
        inv.since < from
          ? `${childName}: ${inv.agency} already involved (${what}), since ${longDate(inv.since)}`
          : `${childName}: ${inv.agency} involved (${what})`,
      detail: [span, inv.reason === null ? null : `Why: ${inv.reason}.`].filter((x) => x !== null).join('\n'),
    },
  ];
  if (inv.until !== null && inv.until <= to)
    out.push({
      ...base,
      source_ref: `${childId}:${inv.ref}:end`,
      occurred_on: inv.until,
      title: `${childName}: ${inv.agency}’s involvement ended (${what})`,
      detail: span,
    });
  return out;
}

async function insertOnce(tx: Tx, values: Values[]): Promise<number> {
  if (values.length === 0) return 0;
  const res = await tx
    .insertInto('review_chronology')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['review_id', 'source_ref']).where('source_ref', 'is not', null).doNothing(),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Builds the chronology from the record (once each: building again adds only what is new): the
 * subject children's journey events in the review's period, each agency's involvement with them in
 * the period from the council's record, and then other areas' agencies from the involvement index
 * (a look-up per child with `review_read`, recorded and audited as any look-up, made outside the
 * transaction as every look-up is). Only a reviewer with `review_read` on the children.
 * @throws ValidationError when the caller can read none of the children
 */
export async function buildFromRecords(caller: ReviewCaller, reviewId: string): Promise<BuildResult> {
  const records = new PersonRecords(caller.db, caller.actor, caller.meta);
  const built = await inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    'chronology built from the record',
    async (tx, review) => {
      const ctx = await buildAccessContext(tx, caller.actor);
      let added = 0;
      const children: { id: string; name: string }[] = [];
      for (const childId of await subjectChildren(tx, review.id)) {
        const opened = await records.loadIn(tx, ctx, childId, 'review_read');
        if (opened === null) continue;
        const name = opened.person.given_name;
        children.push({ id: childId, name });
        await records.audit(
          tx,
          'record.view',
          'success',
          childId,
          `learning review ${review.id}: chronology`,
        );
        const { events } = await readTimeline(tx, childId, {
          caseNotes: true,
          filter: { from: review.period_from ?? undefined, to: review.period_to ?? undefined },
        });
        // Involvements are brought in whole below (with their ends, and those begun before the period).
        const values: Values[] = events
          .filter((e) => e.type !== 'involvement')
          .map((e) => ({
            la_code: review.la_code,
            review_id: review.id,
            source: 'journey' as const,
            source_ref: `${childId}:${e.type}:${e.id}`,
            person_id: childId,
            agency: e.agency ?? 'Children’s social care',
            occurred_on: e.date,
            title: `${name}: ${e.title}`,
            detail: [e.text, e.childSaid === null ? null : `The child said: ${e.childSaid}`]
              .filter((x) => x !== null && x !== '')
              .join('\n'),
            created_by: caller.actor.userId,
          }));
        if (review.period_from !== null && review.period_to !== null)
          for (const inv of await recordedInvolvementsInPeriod(
            tx,
            childId,
            review.period_from,
            review.period_to,
          ))
            values.push(
              ...involvementEntries(review, childId, name, inv, 'involvement', caller.actor.userId),
            );
        added += await insertOnce(tx, values);
      }
      if (children.length === 0)
        throw new ValidationError([
          { field: 'build', message: 'Only a reviewer named on the review can read the children’s records' },
        ]);
      return { added, children, review };
    },
  );
  const { review, children } = built;
  if (review.period_from === null || review.period_to === null)
    return { fromRecord: built.added, fromIndex: 0, index: 'none' };
  // Without an index in this process nothing is asked (and nothing recorded as asked).
  if (indexPort() === null) return { fromRecord: built.added, fromIndex: 0, index: 'unavailable' };
  const found: { childId: string; name: string; inv: PeriodInvolvement }[] = [];
  let outcome: LookupResult['outcome'] = 'none';
  for (const child of children) {
    const answer = await lookupForChild(
      caller.db,
      records,
      child.id,
      { reason: 'other', reasonText: `Learning review “${review.title}”: the multi-agency chronology` },
      'review_read',
    );
    if (answer.outcome === 'unavailable' || outcome === 'unavailable') outcome = 'unavailable';
    else if (answer.outcome === 'answered' || outcome === 'answered') outcome = 'answered';
    else if (answer.outcome === 'ambiguous') outcome = 'ambiguous';
    if (answer.outcome === 'answered')
      for (const inv of indexedInvolvementsInPeriod(
        answer.agencies,
        review.la_code,
        review.period_from,
        review.period_to,
      ))
        found.push({ childId: child.id, name: child.name, inv });
  }
  const fromIndex =
    found.length === 0
      ? 0
      : await inReview(
          caller,
          reviewId,
          'work',
          'review.update',
          `chronology: ${found.length} involvements of other areas’ agencies from the involvement index`,
          (tx, r) =>
            insertOnce(
              tx,
              found.flatMap((f) =>
                involvementEntries(r, f.childId, f.name, f.inv, 'index', caller.actor.userId),
              ),
            ),
        );
  return { fromRecord: built.added, fromIndex, index: outcome };
}

export const agencyEntryInput = z.object({
  organisationId: z.uuid({ error: 'Select the agency' }),
  occurredOn: eventDate('the date'),
  title: text('what happened', 500),
  detail: optionalText(10_000),
});

async function agencyName(tx: Tx, reviewId: string, organisationId: string): Promise<string> {
  const a = (await agenciesOf(tx, reviewId)).find((x) => x.id === organisationId);
  if (a === undefined)
    throw new ValidationError([{ field: 'organisationId', message: 'Select an agency of the review' }]);
  return a.name;
}

/** Adds an entry an agency submitted by the form. */
export async function addAgencyEntry(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const data = parseInput(agencyEntryInput, input);
  await inReview(caller, reviewId, 'work', 'review.update', 'chronology entry added', async (tx, review) => {
    await tx
      .insertInto('review_chronology')
      .values({
        la_code: review.la_code,
        review_id: review.id,
        source: 'agency-form',
        organisation_id: data.organisationId,
        agency: await agencyName(tx, review.id, data.organisationId),
        occurred_on: data.occurredOn,
        title: data.title,
        detail: data.detail ?? null,
        created_by: caller.actor.userId,
      })
      .execute();
  });
}

interface Parsed {
  occurredOn: string;
  title: string;
  detail: string | null;
}

/** A date as agencies write it (2025-03-04, 4/3/2025, 04/03/25) as ISO, or null. */
export function agencyDate(raw: string): string | null {
  const s = raw.trim();
  let iso: string | null = null;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(s)) iso = s;
  else if (uk !== null) iso = `${uk[3]!.length === 2 ? `20${uk[3]}` : uk[3]}-${uk[2]}-${uk[1]}`;
  if (iso === null) return null;
  const r = checkDate(iso, 'the date', { when: 'past', earliest: '2000-01-01' });
  return 'iso' in r ? r.iso : null;
}

/** Rows of a CSV with a header naming `date`, `what` (or `title`) and optionally `detail`. */
export function parseAgencyCsv(data: Buffer): Parsed[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(data, {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch {
    throw new ValidationError([{ field: 'file', message: 'The file must be a CSV with a header row' }]);
  }
  if (rows.length === 0) throw new ValidationError([{ field: 'file', message: 'The file has no entries' }]);
  return rows.map((r, i) => {
    const date = agencyDate(r.date ?? '');
    const title = (r.what ?? r.title ?? '').trim();
    if (date === null || title === '')
      throw new ValidationError([
        { field: 'file', message: `Row ${i + 2} needs a real date (such as 4/3/2025) and what happened` },
      ]);
    return { occurredOn: date, title: title.slice(0, 500), detail: (r.detail ?? '').trim() || null };
  });
}

/** Paragraphs of a Word document that open with a date ("4/3/2025 Home visit …"). */
export async function parseAgencyDocx(data: Buffer): Promise<Parsed[]> {
  let text: string;
  try {
    text = await docxText(data);
  } catch {
    throw new ValidationError([{ field: 'file', message: 'The file must be a Word document (.docx)' }]);
  }
  const out: Parsed[] = [];
  for (const line of text.split(/\n+/)) {
    const m = /^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})\s*[:–-]?\s*(.+)$/.exec(line);
    const date = m === null ? null : agencyDate(m[1]!);
    if (m !== null && date !== null) {
      const [title, ...rest] = m[2]!.split(/(?<=[.!?])\s+/);
      out.push({ occurredOn: date, title: title!.slice(0, 500), detail: rest.join(' ') || null });
    }
  }
  if (out.length === 0)
    throw new ValidationError([
      { field: 'file', message: 'No paragraph of the document starts with a date' },
    ]);
  return out;
}

/** Adds an agency's uploaded entries (CSV or .docx), all or none. @returns how many */
export async function uploadAgencyEntries(
  caller: ReviewCaller,
  reviewId: string,
  input: { organisationId?: unknown; filename?: string; data?: Buffer },
): Promise<number> {
  const organisationId = z.uuid().safeParse(input.organisationId);
  if (!organisationId.success)
    throw new ValidationError([{ field: 'organisationId', message: 'Select the agency' }]);
  if (input.data === undefined || input.data.length === 0)
    throw new ValidationError([{ field: 'file', message: 'Select a CSV or Word file' }]);
  const isDocx = /\.docx$/i.test(input.filename ?? '');
  const isCsv = /\.csv$/i.test(input.filename ?? '');
  if (!isDocx && !isCsv)
    throw new ValidationError([
      { field: 'file', message: 'The file must be a CSV or a Word document (.docx)' },
    ]);
  const mismatch = await contentMismatch(isDocx ? 'entries.docx' : 'entries.csv', input.data);
  if (mismatch !== null) throw new ValidationError([{ field: 'file', message: mismatch }]);
  const parsed = isDocx ? await parseAgencyDocx(input.data) : parseAgencyCsv(input.data);
  return inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    `chronology upload: ${parsed.length} entries`,
    async (tx, review) => {
      const agency = await agencyName(tx, review.id, organisationId.data);
      await tx
        .insertInto('review_chronology')
        .values(
          parsed.map((p) => ({
            la_code: review.la_code,
            review_id: review.id,
            source: isDocx ? ('agency-docx' as const) : ('agency-csv' as const),
            organisation_id: organisationId.data,
            agency,
            occurred_on: p.occurredOn,
            title: p.title,
            detail: p.detail,
            created_by: caller.actor.userId,
          })),
        )
        .execute();
      return parsed.length;
    },
  );
}

export const annotateInput = z
  .object({
    annotation: optionalText(5_000),
    excluded: z.enum(['yes', 'no'], { error: 'Select whether the entry is excluded' }),
    excludedReason: optionalText(2_000),
    version: z.coerce.number().int().min(1),
  })
  .superRefine((v, ctx) => {
    if (v.excluded === 'yes' && (v.excludedReason ?? '') === '')
      ctx.addIssue({ code: 'custom', path: ['excludedReason'], message: 'Enter why the entry is excluded' });
  });

/** Annotates or excludes (with a reason) one entry. A stale version is a conflict. */
export async function annotateEntry(
  caller: ReviewCaller,
  reviewId: string,
  entryId: string,
  input: unknown,
): Promise<void> {
  const data = parseInput(annotateInput, input);
  await inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    `chronology entry ${entryId} annotated`,
    async (tx, review) => {
      const id = z.uuid().safeParse(entryId);
      if (!id.success) throw new NotFoundError('no such entry');
      const res = await tx
        .updateTable('review_chronology')
        .set((eb) => ({
          annotation: data.annotation ?? null,
          is_excluded: data.excluded === 'yes',
          excluded_reason: data.excluded === 'yes' ? (data.excludedReason ?? null) : null,
          updated_by: caller.actor.userId,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id.data)
        .where('review_id', '=', review.id)
        .where('version', '=', data.version)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n)
        throw new ConflictError('Someone else changed this entry since you opened it');
    },
  );
}

/** One entry, for its form. */
export async function readEntry(caller: ReviewCaller, reviewId: string, entryId: string) {
  return inReview(caller, reviewId, 'work', null, 'entry', async (tx, review) => {
    const entry = (await entriesOf(tx, review.id)).find((e) => e.id === entryId);
    if (entry === undefined) throw new NotFoundError('no such entry');
    return { review, entry };
  });
}
