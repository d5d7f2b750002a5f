/**
 * A document's content must be what its name says (checked by its signature with `file-type`),
 * and its date not before the child's birth: the probes' inputs (a program renamed .pdf, a PNG
 * renamed .jpg, binary as .txt), on the page a person uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentMismatch } from '../../src/journey/documents.ts';
import { sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(62),
  Buffer.from('This program cannot be run in DOS mode'),
]);

async function upload(filename: string, content: Buffer, date = { day: '4', month: '3', year: '2026' }) {
  const cookie = await sessionCookie(db(), w.users.workerA);
  const child = w.children.child1;
  const form = await t.app.inject({ url: `/children/${child}/documents/new`, headers: { cookie } });
  const token = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
  const set = form.headers['set-cookie'];
  const extra = (set === undefined ? [] : Array.isArray(set) ? set : [set]).map((c) => c.split(';')[0]);
  const boundary = '----waypointtest';
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const payload = Buffer.concat([
    field('_csrf', token),
    field('addedOn-day', date.day),
    field('addedOn-month', date.month),
    field('addedOn-year', date.year),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/children/${child}/documents`,
    headers: {
      cookie: [cookie, ...extra].join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}
const stored = async () =>
  (
    await db().selectFrom('documents').select('filename').where('person_id', '=', w.children.child1).execute()
  ).map((d) => d.filename);

describe('a document whose content is not what its name says', () => {
  it.each([
    ['report.pdf', EXE, 'The selected file is not a PDF file: its content is a EXE file'],
    ['photo.jpg', PNG, 'The selected file is not a JPG file: its content is a PNG file'],
    [
      'notes.txt',
      Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]),
      'The selected file is not a TXT file: its content is not text',
    ],
    [
      'letter.docx',
      Buffer.from('plain words, not a Word document'),
      'The selected file is not a DOCX file: its content is not recognised as one',
    ],
    ['mail.eml', PDF, 'The selected file is not a EML file: its content is a PDF file'],
  ])('is refused beside the file input: %s', async (filename, content, message) => {
    const res = await upload(filename, content);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain(`<a href="#file">${message}</a>`);
    expect(await stored()).not.toContain(filename);
  });

  it('is accepted when it matches: a PDF, a PNG, UTF-8 text', async () => {
    for (const [filename, content] of [
      ['report.pdf', PDF],
      ['scan.png', PNG],
      ['notes.txt', Buffer.from('Notes in UTF-8 – Zoë’s school report\r\n')],
    ] as const) {
      const res = await upload(filename, content);
      expect(res.statusCode, `${filename}: ${res.body.slice(0, 300)}`).toBe(303);
    }
    expect(await stored()).toEqual(expect.arrayContaining(['report.pdf', 'scan.png', 'notes.txt']));
  });

  it('reads text whose 64 KB sample ends inside a character as text, and bad UTF-8 as not text', async () => {
    const long = Buffer.from('あ'.repeat(30_000)); // 90,000 bytes: 65,536 is not a multiple of 3
    expect(await contentMismatch('long.txt', long)).toBeNull();
    const broken = Buffer.concat([long.subarray(0, 65_534), Buffer.from('x')]); // a character cut short
    expect(await contentMismatch('broken.txt', broken)).toBe(
      'The selected file is not a TXT file: its content is not text',
    );
  });
});

describe('a document dated before the child’s birth', () => {
  it('is refused, naming the date', async () => {
    const res = await upload('early.pdf', PDF, { day: '1', month: '1', year: '2012' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'Date of the document must be on or after Jayden’s date of birth, 1 June 2015',
    );
    expect(await stored()).not.toContain('early.pdf');
  });
});
