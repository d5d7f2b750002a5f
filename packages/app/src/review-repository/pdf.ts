/**
 * A published review as a PDF, made with pdfkit and its bundled standard fonts (Helvetica: no font
 * is fetched at run time). Tagged (a structure tree with headings and paragraphs), with the title
 * and language set, so screen readers can read it.
 */
import { longDate } from '../http/forms/dates.ts';
import type { PublicReview } from './present.ts';

/** The review's PDF, as bytes. */
export async function reviewPdf(review: PublicReview): Promise<Buffer> {
  // Loaded when a PDF is asked for, not at start (pdfkit and its fonts take a tenth of a second).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: review.title, Author: review.partnership, Subject: 'Child safeguarding practice review' },
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
  heading(review.title, 'H1', 20);
  para(
    `${review.partnership} (${review.localAuthority}, ${review.region.label}). Published ${longDate(review.publishedOn)}. ` +
      `${review.reviewType.label}. Child’s age: ${review.ageBand.label}. Themes: ${review.themes.map((t) => t.label).join(', ')}.`,
    10,
  );
  heading('Summary', 'H2', 15);
  para(review.summary);
  for (const s of review.sections) {
    heading(s.heading, 'H2', 15);
    for (const p of s.paragraphs) para(p);
  }
  if (review.findings.length > 0) {
    heading('Findings and contributory factors', 'H2', 15);
    review.findings.forEach((f, i) => {
      heading(`Finding ${i + 1}`, 'H3', 12);
      para(f.text);
      if (f.factors.length > 0) para(`Contributory factors: ${f.factors.map((x) => x.label).join(', ')}`, 10);
    });
  }
  doc.end();
  return done;
}
