/**
 * The text of a stored document, for readers that need its words (the subject access bundle): a
 * plain-text file as it is, a Word document (.docx) as its text by `mammoth` (paragraphs on their
 * own lines), a PDF as the text of its pages by Mozilla's `pdfjs-dist` (the PDF reader of
 * Firefox; lines as the PDF ends them, pages apart), and for anything else the reason its words
 * are not read. A PDF with no text in it (a scan: its words are pictures, which would need OCR),
 * an encrypted or broken one, and images are not read.
 */
import { documentTypes } from './documents.ts';

/** At most this many characters of a document's text. */
export const DOCUMENT_TEXT_MAX = 200_000;

export type DocumentText =
  | { kind: 'text'; text: string }
  | { kind: 'left-out'; why: 'scanned-pdf' | 'unreadable-pdf' | 'image' | 'other' | 'unreadable' };

/**
 * The raw text of a Word document (.docx), loading mammoth on first use.
 * @throws Error when the bytes are not a readable .docx
 */
export async function docxText(data: Buffer): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  return (await mammoth.extractRawText({ buffer: data })).value;
}

/**
 * The text of a PDF's pages, loading pdfjs-dist on first use (no worker thread, no fonts, no
 * scripts: only the text layer is read), stopping once `DOCUMENT_TEXT_MAX` characters are read.
 * @throws Error when the bytes are not a readable PDF (broken, or encrypted with a password)
 */
export async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length <= DOCUMENT_TEXT_MAX; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+\n/g, '\n')
        .trim();
      page.cleanup();
      if (text !== '') pages.push(text);
      length += text.length + 2;
    }
    return pages.join('\n\n');
  } finally {
    await doc.destroy();
  }
}

const clean = (s: string) => s.replace(/\0/g, '').slice(0, DOCUMENT_TEXT_MAX);

/**
 * What a document's words are, by its stored type.
 * @example await documentText({ content_type: 'text/plain; charset=utf-8', content: Buffer.from('Hi') }) // { kind: 'text', text: 'Hi' }
 */
export async function documentText(d: { content_type: string; content: Buffer }): Promise<DocumentText> {
  const type = d.content_type.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/plain') return { kind: 'text', text: clean(Buffer.from(d.content).toString('utf8')) };
  if (type === documentTypes.docx) {
    try {
      const text = (await docxText(Buffer.from(d.content))).replace(/\n{3,}/g, '\n\n').trim();
      return { kind: 'text', text: clean(text) };
    } catch {
      return { kind: 'left-out', why: 'unreadable' };
    }
  }
  if (type === documentTypes.pdf) {
    let text: string;
    try {
      text = await pdfText(Buffer.from(d.content));
    } catch {
      return { kind: 'left-out', why: 'unreadable-pdf' };
    }
    return text.trim() === ''
      ? { kind: 'left-out', why: 'scanned-pdf' }
      : { kind: 'text', text: clean(text) };
  }
  if (type.startsWith('image/')) return { kind: 'left-out', why: 'image' };
  return { kind: 'left-out', why: 'other' };
}
