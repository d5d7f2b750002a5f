/**
 * The bundle as a PDF (tagged, titled, in English: http/tagged-pdf.ts), as the published reviews'
 * PDFs are. The same words as the HTML bundle; only the redacted text.
 */
import { taggedPdf } from '../http/tagged-pdf.ts';
import type { RequestBundle } from './disclosure.ts';
import { bundleIntro } from './html.ts';

/** The bundle's PDF, as bytes. */
export function bundlePdf(r: RequestBundle): Promise<Buffer> {
  const intro = bundleIntro(r);
  return taggedPdf({ Title: intro.title, Subject: 'Subject access request' }, ({ heading, para }) => {
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
  });
}
