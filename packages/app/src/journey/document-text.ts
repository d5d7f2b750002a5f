/**
 * The text of a stored document, for readers that need its words (the subject access bundle): a
 * plain-text file as it is, a Word document (.docx) as its text by `mammoth` (paragraphs on their
 * own lines), and for anything else the reason its words are not read. PDFs are not read: no
 * well-kept PDF text extraction library is among the project's dependencies (pdfkit only writes
 * PDFs), and many are scans that would need OCR. Images are never read.
 */
import { documentTypes } from './documents.ts';

/** At most this many characters of a document's text. */
export const DOCUMENT_TEXT_MAX = 200_000;

export type DocumentText =
  { kind: 'text'; text: string } | { kind: 'left-out'; why: 'pdf' | 'image' | 'other' | 'unreadable' };

/**
 * The raw text of a Word document (.docx), loading mammoth on first use.
 * @throws Error when the bytes are not a readable .docx
 */
export async function docxText(data: Buffer): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  return (await mammoth.extractRawText({ buffer: data })).value;
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
  if (type === documentTypes.pdf) return { kind: 'left-out', why: 'pdf' };
  if (type.startsWith('image/')) return { kind: 'left-out', why: 'image' };
  return { kind: 'left-out', why: 'other' };
}
