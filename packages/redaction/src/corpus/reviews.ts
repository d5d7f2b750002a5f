/**
 * The review-style corpus (`corpus/reviews/`): narratives written by hand in the manner of
 * published serious case reviews, separately from the generator and its templates, each with the
 * cast a reviewer would list. Fictional. Gold spans are marked inline as `⟦text|TYPE|entity⟧`; an
 * entity starting with `@` is in the cast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseCast, type Cast } from '../cast.ts';
import { SPAN_TYPES, type SpanType } from '../types.ts';
import type { GoldSpan } from './builder.ts';

export interface ReviewDoc {
  doc: string;
  text: string;
  gold: GoldSpan[];
  cast: Cast;
}

const MARK = /⟦([^|⟧]+)\|([A-Z_]+)\|([^⟧]+)⟧/g;

/**
 * Turns marked text into plain text and gold spans.
 * @throws Error naming the document and the bad mark.
 * @example
 * parseMarked('x', 'Hello ⟦Kerry|PERSON|@mum⟧.').gold[0]; // { start: 6, end: 11, type: 'PERSON', isCast: true, … }
 */
export function parseMarked(doc: string, marked: string): { text: string; gold: GoldSpan[] } {
  const gold: GoldSpan[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(last, m.index);
    const [, surface, type, entity] = m as unknown as [string, string, string, string];
    if (!(SPAN_TYPES as readonly string[]).includes(type)) throw new Error(`${doc}: unknown type in ${m[0]}`);
    gold.push({
      start: text.length,
      end: text.length + surface.length,
      type: type as SpanType,
      isCast: entity.startsWith('@'),
      entity: entity.replace(/^@/, ''),
      text: surface,
    });
    text += surface;
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (/[⟦⟧]/.test(text))
    throw new Error(`${doc}: a mark is not closed or not of the form ⟦text|TYPE|entity⟧`);
  return { text, gold };
}

/**
 * Reads every document of the review-style corpus, in file order.
 * @example
 * readReviewDocs().length; // 6
 */
export function readReviewDocs(dir = new URL('../../corpus/reviews/', import.meta.url)): ReviewDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const doc = f.replace(/\.txt$/, '');
      const { text, gold } = parseMarked(doc, readFileSync(new URL(f, dir), 'utf8'));
      const cast = parseCast(JSON.parse(readFileSync(new URL(`${doc}.json`, dir), 'utf8')));
      return { doc, text, gold, cast };
    });
}
