/**
 * The bundle as one accessible HTML document (the page read in the app and the download are the
 * same): `lang`, a title, a main landmark, headings for each section and entry, a table of
 * contents, and what is left out. Only the redacted text per the decisions is in it; every value
 * is escaped.
 */
import { longDate, today } from '../http/forms/dates.ts';
import type { RequestBundle } from './disclosure.ts';
import { basisWords } from './requests.ts';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const paragraphs = (text: string): string =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `<p>${escape(l)}</p>`)
    .join('\n');

/** The bundle's words, shared by the HTML and the PDF. */
export function bundleIntro(r: RequestBundle): { title: string; lines: string[] } {
  const name = `${r.subject.given_name} ${r.subject.family_name}`;
  return {
    title: `Information held about ${name}`,
    lines: [
      `This is the information the council's children's services hold about ${name} in Waypoint, produced on ${longDate(today())} in answer to the subject access request received on ${longDate(r.request.receivedOn)} from ${r.request.requesterName} (${basisWords[r.request.basis].toLowerCase()}).`,
      'Information about other people (third parties: other family members, neighbours, people who contacted us, and others) has been taken out, as the law requires unless they agree or it is reasonable to disclose it. Where words were taken out you will see a label in square brackets, such as [Sibling 1] or [Person 2]. Staff and professionals are named where they acted in their work.',
      'If you think something is missing or wrong, contact the council’s data protection officer.',
    ],
  };
}

/** The HTML document. */
export function bundleHtml(r: RequestBundle): string {
  const intro = bundleIntro(r);
  const sections = r.bundle.sections.filter((s) => s.items.length > 0);
  const toc = sections
    // Each link in its own paragraph: the margins keep the targets apart (WCAG 2.2 target size) with no CSS.
    .map((s) => `<li><p><a href="#${escape(s.id)}">${escape(s.title)}</a></p></li>`)
    .concat('<li><p><a href="#left-out">What is not in this bundle</a></p></li>')
    .join('\n');
  const body = sections
    .map(
      (s) =>
        `<section aria-labelledby="${escape(s.id)}">\n<h2 id="${escape(s.id)}">${escape(s.title)}</h2>\n` +
        s.items
          .map((i) => `<article>\n<h3>${escape(i.heading)}</h3>\n${paragraphs(i.text)}\n</article>`)
          .join('\n') +
        '\n</section>',
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(intro.title)}</title>
</head>
<body>
<main>
<h1>${escape(intro.title)}</h1>
${intro.lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2>
<ol>
${toc}
</ol>
</nav>
${body}
<section aria-labelledby="left-out">
<h2 id="left-out">What is not in this bundle</h2>
<ul>
${r.bundle.leftOut.map((l) => `<li>${escape(l.replace(/^./, (c) => c.toUpperCase()))}</li>`).join('\n')}
</ul>
</section>
</main>
</body>
</html>
`;
}
