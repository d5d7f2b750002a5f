/** Builds a document piece by piece while recording gold spans. */
import type { SpanType } from '../types.ts';

export interface GoldSpan {
  start: number;
  end: number;
  type: SpanType;
  /** True for mentions of cast people, places and identifiers. */
  isCast: boolean;
  /** The generator's key for the entity ("child", "neighbour", "home"). */
  entity: string;
  text: string;
}

export class DocBuilder {
  private readonly parts: string[] = [];
  private len = 0;
  readonly gold: GoldSpan[] = [];
  text(s: string): this {
    this.parts.push(s);
    this.len += s.length;
    return this;
  }
  span(s: string, type: SpanType, isCast: boolean, entity: string): this {
    this.gold.push({ start: this.len, end: this.len + s.length, type, isCast, entity, text: s });
    return this.text(s);
  }
  get length(): number {
    return this.len;
  }
  toString(): string {
    return this.parts.join('');
  }
}

/** Hard-wraps lines at `width` by turning spaces into line breaks (offsets do not move). */
export function hardWrap(text: string, width: number): string {
  // One entry per UTF-16 unit, so that offsets stay JavaScript string indices.
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) out.push(text[i]!);
  let col = 0;
  let lastSpace = -1;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '\n') {
      col = 0;
      lastSpace = -1;
      continue;
    }
    if (out[i] === ' ') lastSpace = i;
    col++;
    if (col > width && lastSpace >= 0) {
      out[lastSpace] = '\n';
      col = i - lastSpace;
      lastSpace = -1;
    }
  }
  return out.join('');
}
