import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../test/support/docx.ts';
import { buildPdf } from '../../test/support/pdf.ts';
import { documentText } from './document-text.ts';
import { documentTypes } from './documents.ts';

describe('documentText', () => {
  it('reads plain text and a Word document (.docx) as their words', async () => {
    expect(await documentText({ content_type: 'text/plain', content: Buffer.from('A note\u0000.') })).toEqual(
      {
        kind: 'text',
        text: 'A note.',
      },
    );
    const docx = buildDocx([{ heading: 1, text: 'Visit' }, 'Seen at home.', 'All well.']);
    expect(await documentText({ content_type: documentTypes.docx!, content: docx })).toEqual({
      kind: 'text',
      text: 'Visit\n\nSeen at home.\n\nAll well.',
    });
  });

  it('reads a PDF as the text of its pages', async () => {
    const pdf = await buildPdf([['Visit to the family home.', 'Seen alone in her room.'], ['Second page.']]);
    expect(await documentText({ content_type: documentTypes.pdf!, content: pdf })).toEqual({
      kind: 'text',
      text: 'Visit to the family home.\nSeen alone in her room.\n\nSecond page.',
    });
  });

  it('leaves out scanned and broken PDFs, images, other kinds and a .docx that cannot be read, saying which', async () => {
    const of = (type: string, content: Buffer = Buffer.from('x')) =>
      documentText({ content_type: type, content });
    expect(await of(documentTypes.pdf!, await buildPdf(['drawing', 'drawing']))).toEqual({
      kind: 'left-out',
      why: 'scanned-pdf',
    });
    expect(await of(documentTypes.pdf!, Buffer.from('%PDF-1.4\nnot really a PDF\n'))).toEqual({
      kind: 'left-out',
      why: 'unreadable-pdf',
    });
    expect(await of('image/png')).toEqual({ kind: 'left-out', why: 'image' });
    expect(await of(documentTypes.odt!)).toEqual({ kind: 'left-out', why: 'other' });
    expect(await of(documentTypes.docx!, Buffer.from('not a zip'))).toEqual({
      kind: 'left-out',
      why: 'unreadable',
    });
  });
});
