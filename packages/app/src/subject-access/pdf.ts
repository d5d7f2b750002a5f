/**
 * The bundle as a PDF, made with pdfkit (loaded when a PDF is first asked for) and its standard
 * fonts: tagged (headings and paragraphs in a structure tree), with the title and language set,
 * as the published reviews' PDFs are. The same words as the HTML bundle; only the redacted text.
 */
import type { RequestBundle } from './disclosure.ts';
import { bundleIntro } from './html.ts';

/** The bundle's PDF, as bytes. */
export async function bundlePdf(r: RequestBundle): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const intro = bundleIntro(r);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: intro.title, Subject: 'Subject access request' },
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const para = (text: string, size = 11) => {
    doc.markContent('P');
    doc.font('Helvetica').fontSize(size).text(text, { paragraphGap: 6 });
    doc.endMarkedContent();
  };
  const heading = (text: string, level: 'H1' | 'H2' | 'H3', size: number) => {
    doc.markContent(level);
    doc.font('Helvetica-Bold').fontSize(size).text(text, { paragraphGap: 8 });
    doc.endMarkedContent();
  };
  heading(intro.title, 'H1', 20);
  for (const l of intro.lines) para(l, 10);
  for (const s of r.bundle.sections) {
    if (s.items.length === 0) continue;
    heading(s.title, 'H2', 15);
    for (const i of s.items) {
      heading(i.heading, 'H3', 12);
      for (const line of i.text.split('\n')) if (line.trim() !== '') para(line);
    }
  }
  heading('What is not in this bundle', 'H2', 15);
  for (const l of r.bundle.leftOut) para(`• ${l}`);
  doc.end();
  return done;
}
