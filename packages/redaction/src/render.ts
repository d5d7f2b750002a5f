/** Applies spans to the input: the redacted text and where each replacement landed. */
import type { Span } from './types.ts';

export interface Rendered {
  text: string;
  /** [start, end) of each replacement in the output, in order. */
  replaced: [number, number][];
}

/** Spans that do not fit the input (out of range, overlapping, or text that differs). */
export class SpanError extends Error {
  override name = 'SpanError';
}

/**
 * Checks that spans are in order, do not overlap and match the input's characters.
 * @throws SpanError naming the first bad span.
 */
export function checkSpans(input: string, spans: readonly Span[]): void {
  let last = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (
      !Number.isInteger(s.start) ||
      !Number.isInteger(s.end) ||
      s.start < 0 ||
      s.end > input.length ||
      s.end <= s.start
    )
      throw new SpanError(`span ${s.start}-${s.end} is outside the input (length ${input.length})`);
    if (s.start < last) throw new SpanError(`span ${s.start}-${s.end} overlaps the span before it`);
    if (input.slice(s.start, s.end) !== s.text)
      throw new SpanError(
        `span ${s.start}-${s.end} says "${s.text}" but the input has "${input.slice(s.start, s.end)}": the spans are for another document`,
      );
    last = s.end;
  }
}

/**
 * Replaces each span's characters by its replacement.
 * @example
 * render('Jayden said', [{ start: 0, end: 6, replacement: 'Child A', … }]).text; // 'Child A said'
 */
export function render(input: string, spans: readonly Span[]): Rendered {
  checkSpans(input, spans);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const replaced: [number, number][] = [];
  let at = 0;
  let len = 0;
  for (const s of sorted) {
    const keep = input.slice(at, s.start);
    parts.push(keep, s.replacement);
    len += keep.length;
    replaced.push([len, len + s.replacement.length]);
    len += s.replacement.length;
    at = s.end;
  }
  parts.push(input.slice(at));
  return { text: parts.join(''), replaced };
}
