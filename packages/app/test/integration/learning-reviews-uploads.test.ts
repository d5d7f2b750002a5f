/**
 * Word documents into the review: the report uploaded as a .docx becomes the next version (its
 * headings and paragraphs as Markdown, one audited write) and goes through the redaction like any
 * version; an agency's chronology as .docx or CSV. Each file's content must be what its name says
 * (checked by its signature), and every refusal is a 400 naming the problem beside the file input,
 * with nothing saved; a version saved meanwhile is a conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChronology } from '../../src/learning-reviews/chronology.ts';
import { readReport } from '../../src/learning-reviews/drafts.ts';
import { readRedaction } from '../../src/learning-reviews/redaction-decisions.ts';
import type { RedactionState } from '../../src/learning-reviews/redaction.ts';
import { buildDocx } from '../support/docx.ts';
import { sessionCookie } from '../support/factories.ts';
import { buildReviewsWorld, type ReviewsWorld } from '../support/reviews-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let w: ReviewsWorld;
let id: string;
let reviewer: ReturnType<ReviewsWorld['as']>;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildReviewsWorld(t.database.db);
  id = await w.openReview(w.children.child1, w.users.reviewer, true);
  reviewer = w.as(w.users.reviewer, ['safeguarding_reviewer']);
});
afterAll(async () => t.close());

const REPORT = buildDocx([
  { heading: 1, text: 'Child A, 2025' },
  { heading: 2, text: 'Background' },
  'Jayden Okafor lived with his mother Kerry Okafor. On 10 February 2025 the nursery saw a bruise.',
  { heading: 2, text: 'Findings' },
  'Information about the call-out did not reach the nursery.',
]);

/** Posts a multipart form from the page at `pageUrl` (its CSRF token) to `url`. */
async function upload(pageUrl: string, url: string, fields: Record<string, string>, file?: [string, Buffer]) {
  const cookie = await sessionCookie(t.database.db, w.users.reviewer);
  const form = await t.app.inject({ url: pageUrl, headers: { cookie } });
  const token = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
  const set = form.headers['set-cookie'];
  const extra = (set === undefined ? [] : Array.isArray(set) ? set : [set]).map((c) => c.split(';')[0]);
  const boundary = '----waypointreviews';
  const part = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const payload = Buffer.concat([
    part('_csrf', token),
    ...Object.entries(fields).map(([k, v]) => part(k, v)),
    ...(file === undefined
      ? []
      : [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file[0]}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          file[1],
          Buffer.from('\r\n'),
        ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [cookie, ...extra].join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

const reportUpload = (fields: Record<string, string>, file?: [string, Buffer]) =>
  upload(`/learning-reviews/${id}/report`, `/learning-reviews/${id}/report/upload`, fields, file);
const updates = async () =>
  (
    await t.database.db
      .selectFrom('audit_events')
      .select('reason')
      .where('record_id', '=', id)
      .where('action', '=', 'review.update')
      .where('outcome', '=', 'success')
      .execute()
  ).length;

describe('the report uploaded as a Word document', () => {
  it.each([
    [{}, undefined, 'Select a Word document (.docx)'],
    [{}, ['report.pdf', REPORT], 'The file must be a Word document (.docx)'],
    [
      {},
      ['report.docx', Buffer.from('Plain words, renamed to look like a Word document')],
      'The selected file is not a DOCX file: its content is not recognised as one',
    ],
    [
      {},
      ['report.docx', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')],
      'The selected file is not a DOCX file: its content is a PDF file',
    ],
    [{}, ['empty.docx', buildDocx([' '])], 'The Word document has no text'],
  ] as const)('is refused, naming the problem beside the file input: %#', async (fields, file, message) => {
    const before = await updates();
    const res = await reportUpload(
      { uploadBaseVersion: '0', ...fields },
      file as [string, Buffer] | undefined,
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(400);
    expect(res.body).toContain(`<a href="#file">${message}</a>`);
    expect((await readReport(reviewer, id)).latest).toBeNull();
    expect(await updates()).toBe(before);
  });

  it('becomes the next version as Markdown, audited once, and is redacted like any version', async () => {
    const before = await updates();
    const res = await reportUpload({ uploadBaseVersion: '0', uploadNote: 'From the reviewer' }, [
      'Child A report.docx',
      REPORT,
    ]);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const { latest, versions } = await readReport(reviewer, id);
    expect(latest?.version).toBe(1);
    expect(latest?.body).toBe(
      [
        '# Child A, 2025',
        '## Background',
        'Jayden Okafor lived with his mother Kerry Okafor. On 10 February 2025 the nursery saw a bruise.',
        '## Findings',
        'Information about the call-out did not reach the nursery.',
      ].join('\n\n'),
    );
    expect(versions[0]!.note).toBe('Uploaded from Child A report.docx: From the reviewer');
    expect(await updates()).toBe(before + 1);
    const state = (await readRedaction(reviewer, id)) as RedactionState;
    expect(state.draft.version).toBe(1);
    expect(state.spans.map((s) => s.text)).toEqual(expect.arrayContaining(['Jayden Okafor', 'Kerry Okafor']));
    expect(state.redacted).not.toContain('Jayden');
    expect(state.redacted).not.toContain('Kerry');
  });

  it('is on the review screen to select words from, the mark panel hidden until JavaScript shows it', async () => {
    const res = await t.app.inject({
      url: `/learning-reviews/${id}/redaction`,
      headers: { cookie: await sessionCookie(t.database.db, w.users.reviewer) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div class="app-mark-panel" data-app-mark-panel hidden>');
    expect(res.body).toMatch(/<div data-app-markable lang="en">.*Jayden Okafor lived with his mother/s);
    expect(res.body).toContain('data-app-mark-form');
    expect(res.body).not.toContain('This is the first 20,000 characters');
  });

  it('is a conflict when a version was saved since the page was read', async () => {
    const res = await reportUpload({ uploadBaseVersion: '0' }, ['report.docx', REPORT]);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Version 1 was saved since you started from version 0');
    expect((await readReport(reviewer, id)).latest?.version).toBe(1);
  });
});

describe('an agency’s chronology uploaded as a file', () => {
  const chronologyUpload = (file: [string, Buffer]) =>
    upload(
      `/learning-reviews/${id}/chronology`,
      `/learning-reviews/${id}/chronology/upload`,
      { uploadOrganisationId: w.nhs },
      file,
    );

  it('reads a Word document’s dated paragraphs', async () => {
    const res = await chronologyUpload([
      'health.docx',
      buildDocx([
        'Health visiting chronology',
        '4/3/2025 Health visitor contact. Seen at clinic with mother.',
        '2025-03-20: A&E attendance',
      ]),
    ]);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const { entries } = await readChronology(reviewer, id);
    expect(
      entries.filter((e) => e.source === 'agency-docx').map((e) => [e.occurredOn, e.title, e.detail]),
    ).toEqual([
      ['2025-03-04', 'Health visitor contact.', 'Seen at clinic with mother.'],
      ['2025-03-20', 'A&E attendance', null],
    ]);
  });

  it.each([
    [
      'health.docx',
      Buffer.from('date,what\n4/3/2025,Visit\n'),
      'The selected file is not a DOCX file: its content is not recognised as one',
    ],
    [
      'health.csv',
      buildDocx(['4/3/2025 Visit']),
      'The selected file is not a CSV file: its content is a DOCX file',
    ],
  ] as const)('refuses %s whose content is not what its name says', async (name, data, message) => {
    const before = (await readChronology(reviewer, id)).entries.length;
    const res = await chronologyUpload([name, data]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`<a href="#file">${message}</a>`);
    expect((await readChronology(reviewer, id)).entries.length).toBe(before);
  });
});
