/** Reads a review: plain text, Markdown or .docx (through mammoth's raw-text extraction). */
import { readFile } from 'node:fs/promises';

/** An input that cannot be read. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Returns the text that spans index into. For .docx that is mammoth's raw text, so running
 * `detect` and `apply` on the same .docx gives the same offsets.
 * @throws InputError for a missing file or an unreadable .docx.
 * @example
 * const text = await readInput('review.docx');
 */
export async function readInput(path: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${code ?? String(e)}`,
    );
  }
  if (/\.docx$/i.test(path)) {
    try {
      // Loaded only for .docx: it is large, and plain text does not need it.
      const { default: mammoth } = await import('mammoth');
      const { value } = await mammoth.extractRawText({ buffer: buf });
      return value;
    } catch (e) {
      throw new InputError(`cannot read ${path} as .docx: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const text = buf.toString('utf8');
  if (text.includes('\u0000'))
    throw new InputError(`cannot read ${path}: it is not a text file (use .txt, .md or .docx)`);
  return text.replace(/^\uFEFF/, '');
}
