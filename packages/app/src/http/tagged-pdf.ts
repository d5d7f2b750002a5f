/**
 * THE way the app makes a PDF: pdfkit (loaded when a PDF is first asked for, not at start: it and
 * its fonts take a tenth of a second) with its bundled standard fonts (Helvetica: no font is
 * fetched at run time), A4, tagged (a structure tree of headings and paragraphs), with the title
 * and language set, so screen readers can read it. Used by the published reviews and the subject
 * access bundle.
 */

/** What a PDF's contents are written with. */
export interface PdfWriter {
  heading: (text: string, level: 'H1' | 'H2' | 'H3', size: number) => void;
  para: (text: string, size?: number) => void;
}

/**
 * A tagged PDF, as bytes.
 * @example await taggedPdf({ Title: 'A review' }, (w) => { w.heading('A review', 'H1', 20); w.para('…'); })
 */
export async function taggedPdf(
  info: { Title: string; Author?: string; Subject?: string },
  write: (w: PdfWriter) => void,
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info,
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
  write({
    para: (text, size = 11) => {
      doc.markContent('P');
      doc.font('Helvetica').fontSize(size).text(text, { paragraphGap: 6 });
      doc.endMarkedContent();
    },
    heading: (text, level, size) => {
      doc.markContent(level);
      doc.font('Helvetica-Bold').fontSize(size).text(text, { paragraphGap: 8 });
      doc.endMarkedContent();
    },
  });
  doc.end();
  return done;
}
