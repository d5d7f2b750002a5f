import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../test/support/docx.ts';
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

  it('leaves out PDFs, images, other kinds and a .docx that cannot be read, saying which', async () => {
    const of = (type: string, content = Buffer.from('x')) => documentText({ content_type: type, content });
    expect(await of(documentTypes.pdf!)).toEqual({ kind: 'left-out', why: 'pdf' });
    expect(await of('image/png')).toEqual({ kind: 'left-out', why: 'image' });
    expect(await of(documentTypes.odt!)).toEqual({ kind: 'left-out', why: 'other' });
    expect(await of(documentTypes.docx!, Buffer.from('not a zip'))).toEqual({
      kind: 'left-out',
      why: 'unreadable',
    });
  });
});
