/**
 * The bundle of a subject access request, built from the record itself inside the repository's
 * transaction (`withRecord`, the `subject_access` ability): the subject's details, the family
 * recorded with them, and the whole journey (every contact, assessment, plan, visit, case note and
 * document on the timeline, with narrative and the child's own words), grouped as the journey page
 * groups it. A plain-text or Word (.docx) document's text is included and redacted like the rest
 * (journey/document-text.ts); other documents (PDFs, images, other kinds) are named, their contents
 * left out (said in the bundle, by kind). Restricted addresses are left out.
 *
 * The bundle is one text (`body`), its items' offsets into it, and a digest (the bundle version
 * that disclosure decisions are made on).
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../db/tenant.ts';
import { longDate } from '../http/forms/dates.ts';
import { documentText, type DocumentText } from '../journey/document-text.ts';
import { eventGroups, readTimeline, type EventGroup } from '../journey/timeline.ts';
import { inverseLabels, relationshipLabels } from '../people/family.ts';
import type { PersonRow } from '../records/person-records.ts';

export interface BundleItem {
  /** Written here from dates and fixed words, never free text (it is not redacted). */
  heading: string;
  /** The record's text, redacted per the decisions before it leaves. */
  text: string;
  start: number;
  end: number;
}

export interface BundleSection {
  id: string;
  title: string;
  items: BundleItem[];
}

export interface Bundle {
  sections: BundleSection[];
  body: string;
  /** sha256 of the body: the version decisions are made on. */
  digest: string;
  /** What the record holds that the bundle leaves out, in words. */
  leftOut: string[];
}

class BundleWriter {
  private parts: string[] = [];
  private at = 0;
  sections: BundleSection[] = [];

  section(id: string, title: string): BundleSection {
    const s = { id, title, items: [] };
    this.sections.push(s);
    return s;
  }

  item(section: BundleSection, heading: string, lines: (string | null | undefined)[]): void {
    const text = lines
      .filter((l): l is string => l !== null && l !== undefined && l.trim() !== '')
      .join('\n');
    if (text === '') return;
    if (this.parts.length > 0) {
      this.parts.push('\n\n');
      this.at += 2;
    }
    section.items.push({ heading, text, start: this.at, end: this.at + text.length });
    this.parts.push(text);
    this.at += text.length;
  }

  get body(): string {
    return this.parts.join('');
  }
}

const documentWords = {
  'scanned-pdf': [
    'PDF document with no text in it',
    'PDF documents with no text in them',
    'scans: their words are pictures, which Waypoint does not read',
  ],
  'unreadable-pdf': [
    'PDF document',
    'PDF documents',
    'the file could not be read as a PDF: broken, or protected by a password',
  ],
  image: ['image', 'images', 'pictures are not read'],
  other: [
    'document of another kind',
    'documents of other kinds',
    'older Word (.doc), OpenDocument, RTF and email files are not read',
  ],
  unreadable: ['Word document', 'Word documents', 'the file could not be read as a Word document'],
} as const;

/** A line of "what this bundle leaves out" for `n` documents whose contents are not read. */
function documentsLeftOut(why: keyof typeof documentWords, n: number): string {
  const [one, many, reason] = documentWords[why];
  return `the contents of ${n} ${n === 1 ? one : many} (${reason}): named in the bundle, to be reviewed and sent separately`;
}

const sexWords: Record<string, string> = { female: 'Female', male: 'Male', unknown: 'Not known' };

/** Reads the subject's record into a bundle (call inside `withRecord`). */
export async function buildBundle(tx: Tx, person: PersonRow): Promise<Bundle> {
  const w = new BundleWriter();
  const leftOut: string[] = [];

  const details = w.section('details', 'Personal details');
  const names = await tx
    .selectFrom('person_names')
    .select(['kind', 'given_name', 'family_name'])
    .where('person_id', '=', person.id)
    .orderBy('given_name')
    .execute();
  const addresses = await tx
    .selectFrom('addresses')
    .select(['line1', 'line2', 'town', 'postcode', 'started_on', 'ended_on', 'is_restricted'])
    .where('person_id', '=', person.id)
    .orderBy('started_on', 'desc')
    .execute();
  const restricted = addresses.filter((a) => a.is_restricted).length;
  if (restricted > 0)
    leftOut.push(
      `${restricted} restricted ${restricted === 1 ? 'address' : 'addresses'} (kept from the bundle to protect whoever lives there)`,
    );
  w.item(details, 'About the person', [
    `Name: ${person.given_name} ${person.family_name}`,
    ...names.map((n) => `Other name (${n.kind}): ${n.given_name} ${n.family_name}`),
    person.date_of_birth === null ? null : `Date of birth: ${longDate(person.date_of_birth)}`,
    person.sex === null ? null : `Sex: ${sexWords[person.sex] ?? person.sex}`,
    person.nhs_number === null ? null : `NHS number: ${person.nhs_number}`,
    person.upn === null ? null : `Unique pupil number: ${person.upn}`,
    person.la_child_id === null ? null : `Council reference: ${person.la_child_id}`,
  ]);
  w.item(
    details,
    'Addresses',
    addresses
      .filter((a) => !a.is_restricted)
      .map(
        (a) =>
          `${[a.line1, a.line2, a.town].filter((x) => x !== null && x !== '').join(', ')} ${a.postcode} (from ${longDate(a.started_on)}${a.ended_on === null ? '' : ` to ${longDate(a.ended_on)}`})`,
      ),
  );

  const family = w.section('family', 'Family and people recorded with them');
  const cols = [
    'r.person_id',
    'r.type',
    'r.parental_responsibility',
    'r.lives_with',
    'p.given_name',
    'p.family_name',
  ] as const;
  const rels = [
    ...(await tx
      .selectFrom('person_relationships as r')
      .innerJoin('people as p', 'p.id', 'r.related_person_id')
      .select(cols)
      .where('r.person_id', '=', person.id)
      .orderBy('r.type')
      .orderBy('p.family_name')
      .execute()),
    ...(await tx
      .selectFrom('person_relationships as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select(cols)
      .where('r.related_person_id', '=', person.id)
      .orderBy('r.type')
      .orderBy('p.family_name')
      .execute()),
  ];
  w.item(
    family,
    'Family',
    rels.map((r) => {
      const words = r.person_id === person.id ? relationshipLabels[r.type] : inverseLabels[r.type];
      const extra = [
        r.parental_responsibility ? 'parental responsibility' : null,
        r.lives_with ? 'lives with them' : null,
      ]
        .filter((x) => x !== null)
        .join(', ');
      return `${words}: ${r.given_name} ${r.family_name}${extra === '' ? '' : ` (${extra})`}`;
    }),
  );

  const { events } = await readTimeline(tx, person.id, { caseNotes: true });
  const documentIds = events.filter((e) => e.type === 'document').map((e) => e.id);
  const documents =
    documentIds.length === 0
      ? []
      : await tx
          .selectFrom('documents')
          .select(['id', 'content_type', 'content', 'size_bytes'])
          .where('id', 'in', documentIds)
          .execute();
  const leftOutKinds = new Map<Extract<DocumentText, { kind: 'left-out' }>['why'], number>();
  const bySection = new Map<EventGroup, BundleSection>();
  for (const [group, title] of Object.entries(eventGroups) as [EventGroup, string][])
    bySection.set(group, w.section(group, title));
  // Oldest first, as a chronology reads.
  for (const e of [...events].reverse()) {
    const section = bySection.get(e.group) ?? bySection.get('notes')!;
    let read: DocumentText | null = null;
    if (e.type === 'document') {
      const d = documents.find((x) => x.id === e.id);
      read = d === undefined ? { kind: 'left-out', why: 'other' } : await documentText(d);
      if (read.kind === 'left-out') leftOutKinds.set(read.why, (leftOutKinds.get(read.why) ?? 0) + 1);
    }
    w.item(section, longDate(e.date), [
      e.title,
      e.referrer == null ? null : `Raised by ${e.referrer.name}`,
      e.text,
      e.childSaid === null ? null : `What the child said: ${e.childSaid}`,
      read?.kind === 'text' ? `The document's text:\n${read.text}` : null,
      read?.kind === 'left-out' ? "(The document's contents are not in this bundle.)" : null,
      e.author === null ? null : `Recorded by ${e.author}${e.agency === null ? '' : `, ${e.agency}`}`,
    ]);
  }
  for (const [why, n] of leftOutKinds) leftOut.push(documentsLeftOut(why, n));
  leftOut.push(
    'the audit of who viewed the record (exported separately from the record’s “Who has viewed” page)',
    'what partner agencies hold in their own systems, and other councils’ records',
  );
  const sections = w.sections.filter((s) => s.items.length > 0);
  const body = w.body;
  return { sections, body, digest: createHash('sha256').update(body).digest('hex'), leftOut };
}
