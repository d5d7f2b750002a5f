/**
 * Documents in a subject access bundle, on the engine under test: a Word document (.docx, built by
 * the test) and a PDF with text in it are in the bundle as their text and redacted like the rest (a
 * span decision on it works); a scanned PDF (no text), a broken PDF and an image stay named and are
 * listed as left out, by kind; the HTML download holds only the redacted words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument } from '../../src/journey/documents.ts';
import { createRequest, readBundle, recordDisclosure } from '../../src/subject-access/index.ts';
import { bundleHtml } from '../../src/subject-access/html.ts';
import { buildDocx } from '../support/docx.ts';
import { buildPdf } from '../support/pdf.ts';
import { buildSarWorld, recordsAs, type SarWorld } from '../support/subject-access-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let w: SarWorld;
let requestId: string;
const db = () => t.database.db;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const BROKEN_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const textOf = (b: Awaited<ReturnType<typeof readBundle>>) =>
  b.bundle.sections.flatMap((s) => s.items.map((i) => i.text)).join('\n\n');

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSarWorld(db());
  const worker = await recordsAs(db(), w.worker);
  const add = (filename: string, data: Buffer, addedOn: string) =>
    addDocument(worker, w.child, { filename, data, addedOn });
  await add(
    'school-report.docx',
    buildDocx([
      { heading: 1, text: 'Report from Fictionford Primary' },
      'Maya Thornbury is doing well in reading.',
      'Her father Dean Ashcombe came to parents’ evening with Gordon Pilkington.',
    ]),
    '2026-04-02',
  );
  await add(
    'police-report.pdf',
    await buildPdf([['Police attended the home.'], ['Maya was spoken to with Gordon Pilkington present.']]),
    '2026-04-03',
  );
  await add('scanned-letter.pdf', await buildPdf(['drawing']), '2026-04-03');
  await add('old-file.pdf', BROKEN_PDF, '2026-04-03');
  await add('drawing.png', PNG, '2026-04-04');
  requestId = await createRequest(await recordsAs(db(), w.dpo), {
    subjectId: w.child,
    requester: 'parent',
    parentId: w.mother,
    receivedOn: '2026-11-30',
  });
}, 120_000);
afterAll(async () => t.close());

describe('documents in the bundle', () => {
  it('includes a Word document as its text, third parties redacted as in the rest', async () => {
    const b = await readBundle(await recordsAs(db(), w.dpo), requestId, 'review');
    const text = textOf(b);
    expect(text).toContain("The document's text:\nReport from Fictionford Primary");
    expect(text).toContain('Maya Thornbury is doing well in reading.');
    expect(text).toMatch(/Her father \[Father\] came to parents’ evening with \[Neighbour 1\]\./);
    expect(text).not.toContain('Pilkington');
    const father = b.bundle.spans.find((s) => s.text === 'Dean Ashcombe' && s.before.endsWith('Her father '));
    expect(father).toMatchObject({ proposal: 'redact', why: 'a family member' });
  });

  it('includes a PDF with text in it as its text, third parties redacted', async () => {
    const b = await readBundle(await recordsAs(db(), w.dpo), requestId, 'review');
    const text = textOf(b);
    expect(text).toContain("The document's text:\nPolice attended the home.\n\nMaya was spoken to with");
    expect(text).toMatch(/Maya was spoken to with \[Neighbour 1\] present\./);
    expect(text).not.toContain('Pilkington');
  });

  it('names a scanned PDF, a broken PDF and an image and lists them as left out, by kind', async () => {
    const b = await readBundle(await recordsAs(db(), w.dpo), requestId, 'review');
    const text = textOf(b);
    expect(text).toContain('scanned-letter.pdf');
    expect(text).toContain('old-file.pdf');
    expect(text).toContain('drawing.png');
    expect(text.match(/\(The document's contents are not in this bundle\.\)/g)).toHaveLength(3);
    expect(b.bundle.leftOut).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the contents of 1 PDF document with no text in it \(scans: /),
        expect.stringMatching(/^the contents of 1 PDF document \(the file could not be read as a PDF/),
        expect.stringMatching(/^the contents of 1 image \(pictures are not read\)/),
      ]),
    );
    expect(b.bundle.leftOut.join(' ')).not.toMatch(/Word/);
  });

  it('a decision on a span of the document changes the bundle and its HTML', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const before = await readBundle(dpo, requestId, 'review');
    const father = before.bundle.spans.find(
      (s) => s.text === 'Dean Ashcombe' && s.before.endsWith('Her father '),
    )!;
    await recordDisclosure(dpo, requestId, {
      action: 'disclose',
      start: father.start,
      end: father.end,
      digest: before.bundle.digest,
    });
    const after = await readBundle(dpo, requestId, 'html');
    expect(textOf(after)).toContain('Her father Dean Ashcombe came to parents’ evening with [Neighbour 1].');
    const html = bundleHtml(after);
    expect(html).toContain('Her father Dean Ashcombe came');
    expect(html).not.toContain('Pilkington');
  });
});
