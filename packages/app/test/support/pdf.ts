/** A PDF built by the test with pdfkit: each string a paragraph of text; `drawing` a page with only a picture (as a scan is). */
import PDFDocument from 'pdfkit';

export async function buildPdf(pages: (string[] | 'drawing')[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: 'Test document' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => {
    chunks.push(c);
  });
  const done = new Promise<void>((resolve) =>
    doc.on('end', () => {
      resolve();
    }),
  );
  for (const page of pages) {
    doc.addPage();
    if (page === 'drawing') doc.rect(100, 100, 300, 200).fill('#1d70b8');
    else for (const p of page) doc.text(p).moveDown();
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
