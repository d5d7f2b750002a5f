import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAST } from './helpers.ts';

const bin = new URL('../bin/waypoint-redact.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'waypoint-redact-'));
/** Runs the CLI in its own process. */
const run = (...args: string[]): Promise<{ status: number; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { encoding: 'utf8' }, (err, _stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
const path = (f: string): string => join(dir, f);
const LINE = 'Jayden told Mrs Okafor that Zbigniew Nowicki hit him on 3rd March 2019.\n';
const REDACTED = 'Child A told the health visitor that Person 1 hit him on March 2019.\n';
/** Over 100 kB, so that the CLI reports progress. */
const REPEAT = 1500;

/** A minimal .docx with one paragraph per line. */
async function docx(lines: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${l}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

beforeAll(async () => {
  writeFileSync(path('review.txt'), LINE.repeat(REPEAT));
  writeFileSync(path('cast.json'), JSON.stringify(CAST));
  writeFileSync(path('bad.json'), '{"people": [');
  writeFileSync(path('review.docx'), await docx(['Jayden went to St Mary’s.', 'Kerry Smith collected him.']));
  writeFileSync(path('broken.docx'), 'not a zip file');
  writeFileSync(
    path('decisions.json'),
    JSON.stringify({ decisions: [{ action: 'reject', start: 12, end: 22 }] }),
  );
});

describe('waypoint-redact', { timeout: 60_000 }, () => {
  it('detects with progress on stderr, then applies with decisions and writes a risk report', async () => {
    const d = await run(
      'detect',
      '--input',
      path('review.txt'),
      '--cast',
      path('cast.json'),
      '--out',
      path('spans.json'),
    );
    expect(d.status).toBe(0);
    expect(d.stderr).toMatch(/\d+% cast/);
    expect(d.stderr).toMatch(/100% pseudonyms/);
    const spans = JSON.parse(readFileSync(path('spans.json'), 'utf8')) as { spans: { text: string }[] };
    expect(spans.spans).toHaveLength(4 * REPEAT);
    expect(spans.spans.slice(0, 4).map((s) => s.text)).toEqual([
      'Jayden',
      'Mrs Okafor',
      'Zbigniew Nowicki',
      '3rd March 2019',
    ]);
    const a = await run(
      'apply',
      '--input',
      path('review.txt'),
      '--spans',
      path('spans.json'),
      '--out',
      path('out.txt'),
      '--risk',
      path('risk.json'),
    );
    expect(a.status).toBe(0);
    expect(readFileSync(path('out.txt'), 'utf8')).toBe(REDACTED.repeat(REPEAT));
    expect(JSON.parse(readFileSync(path('risk.json'), 'utf8'))).toHaveProperty('items');
    const b = await run(
      'apply',
      '--input',
      path('review.txt'),
      '--spans',
      path('spans.json'),
      '--decisions',
      path('decisions.json'),
      '--out',
      path('out2.txt'),
    );
    expect(b.status).toBe(0);
    expect(readFileSync(path('out2.txt'), 'utf8')).toBe(
      'Child A told Mrs Okafor that Person 1 hit him on March 2019.\n' + REDACTED.repeat(REPEAT - 1),
    );
  });
  it('reads .docx through mammoth', async () => {
    expect(
      (
        await run(
          'detect',
          '--input',
          path('review.docx'),
          '--cast',
          path('cast.json'),
          '--out',
          path('docx.json'),
        )
      ).status,
    ).toBe(0);
    expect(
      (
        await run(
          'apply',
          '--input',
          path('review.docx'),
          '--spans',
          path('docx.json'),
          '--out',
          path('docx.txt'),
        )
      ).status,
    ).toBe(0);
    expect(readFileSync(path('docx.txt'), 'utf8').trim()).toBe(
      'Child A went to School 1.\n\nMother collected him.',
    );
  });
  it.concurrent.each([
    [['detect', '--input', 'missing.txt', '--out', 'x.json'], /cannot read .*missing.txt: no such file/],
    [
      ['detect', '--input', 'review.txt', '--cast', 'bad.json', '--out', 'x.json'],
      /cast .*bad.json is not valid JSON/,
    ],
    [['detect', '--input', 'broken.docx', '--out', 'x.json'], /cannot read .*broken.docx as .docx/],
  ])('fails cleanly: %j', async (args, message) => {
    const r = await run(...args.map((a) => (a.includes('.') ? path(a) : a)));
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(existsSync(path('x.json'))).toBe(false);
  });
});
