/**
 * A Word document (.docx) as the report's Markdown: mammoth turns the document into simple HTML
 * (headings by their Word styles, paragraphs, lists, bold, italics, tables; images left out), and
 * that HTML becomes Markdown here. Only what mammoth writes needs reading, so a small tokenizer is
 * enough: no user HTML ever reaches it.
 */
import { ValidationError } from '../http/errors.ts';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return entities[e.toLowerCase()] ?? m;
  });

/**
 * Markdown from mammoth's HTML: `#` headings, paragraphs separated by a blank line, `-` and `1.`
 * list items (nested by two spaces), `**bold**`, `*italic*`, table rows as `a | b` lines.
 * @example htmlToMarkdown('<h1>Child A</h1><p>Seen <strong>twice</strong>.</p>') // '# Child A\n\nSeen **twice**.\n'
 */
export function htmlToMarkdown(html: string): string {
  const blocks: string[] = [];
  const lists: ('ul' | 'ol')[] = [];
  const counters: number[] = [];
  let line = '';
  let prefix = '';
  let cells: string[] | null = null;
  const flush = () => {
    // Markers left empty by bold or italic runs that held only spaces go before trimming.
    const text = line
      .replace(/\*\*(\s*)\*\*/g, '$1')
      .replace(/(?<!\*)\*(\s+)\*(?!\*)/g, '$1')
      .replace(/[ \t]+/g, ' ')
      .trim();
    if (text !== '') blocks.push(prefix + text);
    line = '';
    prefix = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      line += decode(m[3]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    switch (tag) {
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        flush();
        if (!closing) prefix = `${'#'.repeat(Number(tag[1]))} `;
        break;
      case 'p':
        if (cells === null) flush();
        else if (closing) line += ' ';
        break;
      case 'ul':
      case 'ol':
        flush();
        if (closing) {
          lists.pop();
          counters.pop();
        } else {
          lists.push(tag);
          counters.push(0);
        }
        break;
      case 'li':
        flush();
        if (!closing && lists.length > 0) {
          const depth = lists.length - 1;
          counters[depth] = (counters[depth] ?? 0) + 1;
          prefix = `${'  '.repeat(depth)}${lists[depth] === 'ol' ? `${counters[depth]}.` : '-'} `;
        }
        break;
      case 'strong':
      case 'b':
        line += '**';
        break;
      case 'em':
      case 'i':
        line += '*';
        break;
      case 'br':
        line += ' ';
        break;
      case 'tr':
        flush();
        if (!closing) cells = [];
        else if (cells !== null) {
          cells.push(line.replace(/\s+/g, ' ').trim());
          line = cells.filter((c) => c !== '').join(' | ');
          cells = null;
          flush();
        }
        break;
      case 'td':
      case 'th':
        if (closing && cells !== null) {
          cells.push(line.replace(/\s+/g, ' ').trim());
          line = '';
        }
        break;
      default:
        break; // a, table, tbody, sup, sub: their text is kept
    }
  }
  flush();
  return blocks.join('\n\n') + '\n';
}

/**
 * The Markdown of a .docx (its content already checked to be one).
 * @throws ValidationError on `file` when it cannot be read or holds no text
 */
export async function docxToMarkdown(data: Buffer): Promise<string> {
  // Loaded with the first upload, not at start.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (
      await mammoth.convertToHtml(
        { buffer: data },
        { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
      )
    ).value;
  } catch {
    throw new ValidationError([
      { field: 'file', message: 'The Word document could not be read: save it again as .docx' },
    ]);
  }
  const markdown = htmlToMarkdown(html.replace(/<img[^>]*>/gi, ''));
  if (markdown.trim() === '')
    throw new ValidationError([{ field: 'file', message: 'The Word document has no text' }]);
  return markdown;
}
