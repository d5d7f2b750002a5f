/** A second opinion from `compromise` on doubtful capitalised words, one sentence at a time. */
import nlp from 'compromise';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';

export interface Doubt {
  token: Token;
  key: string;
}

interface Term {
  offset?: { start: number; length: number };
}

const MAX_SENTENCES = 5000;

function sentenceAround(text: string, tokens: Token[], t: Token): [number, number] {
  let a = t.i;
  while (a > 0 && !tokens[a]!.isSentenceStart && t.start - tokens[a - 1]!.start < 160) a--;
  const start = tokens[a]!.start;
  const rest = /[.!?](?:\s|$)|\n\s*\n/g;
  rest.lastIndex = t.end;
  const m = rest.exec(text);
  const end = m ? Math.min(m.index + 1, t.end + 160) : Math.min(text.length, t.end + 160);
  return [start, end];
}

/**
 * Asks compromise whether each doubtful word is part of a person or a place in its sentence.
 * @example
 * confirmWithNlp(text, tokens, [{ token: tokens[3]!, key: 'grace' }]);
 */
export function confirmWithNlp(text: string, tokens: Token[], doubts: Doubt[]): Detection[] {
  const out: Detection[] = [];
  const cache = new Map<number, { people: [number, number][]; places: [number, number][] }>();
  for (const d of doubts) {
    const [s, e] = sentenceAround(text, tokens, d.token);
    let found = cache.get(s);
    if (!found) {
      if (cache.size >= MAX_SENTENCES) break;
      const doc = nlp(text.slice(s, e));
      const spans = (v: unknown): [number, number][] =>
        (v as { terms?: Term[]; offset?: Term['offset'] }[]).map((x) => {
          const o = x.offset ?? { start: 0, length: 0 };
          return [s + o.start, s + o.start + o.length];
        });
      found = {
        people: spans(doc.people().json({ offset: true })),
        places: spans(doc.places().json({ offset: true })),
      };
      cache.set(s, found);
    }
    const inside = (list: [number, number][]): boolean =>
      list.some(([a, b]) => a <= d.token.start && d.token.end <= b);
    if (inside(found.people))
      out.push({
        start: d.token.start,
        end: d.token.end,
        type: 'PERSON',
        detector: 'names:nlp',
        confidence: 0.7,
        key: d.key,
      });
    else if (inside(found.places))
      out.push({
        start: d.token.start,
        end: d.token.end,
        type: 'PLACE',
        detector: 'names:nlp',
        confidence: 0.65,
        key: d.key,
        kind: 'town',
      });
  }
  return out;
}
