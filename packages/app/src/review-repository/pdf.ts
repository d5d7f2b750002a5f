/** A published review as a PDF (tagged, titled, in English: http/tagged-pdf.ts). */
import { longDate } from '../http/forms/dates.ts';
import { taggedPdf } from '../http/tagged-pdf.ts';
import type { PublicReview } from './present.ts';

/** The review's PDF, as bytes. */
export function reviewPdf(review: PublicReview): Promise<Buffer> {
  const info = {
    Title: review.title,
    Author: review.partnership,
    Subject: 'Child safeguarding practice review',
  };
  return taggedPdf(info, ({ heading, para }) => {
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
        if (f.factors.length > 0)
          para(`Contributory factors: ${f.factors.map((x) => x.label).join(', ')}`, 10);
      });
    }
  });
}
