/**
 * THE span decision logic shared by every screen that reviews redactions span by span (the
 * learning reviews' redaction screen, the data protection officer's subject access bundle): a
 * decision on one span is saved with its text and the words either side, so it survives edits of
 * the text under it. It is re-anchored where the same text stands in the same context (the nearest
 * such place to where it was), or is flagged when the text under it changed.
 */

/** How much text either side anchors a span decision. */
export const CONTEXT = 24;

/** What a span decision stores to find its span again. */
export interface SpanAnchor {
  span_text: string | null;
  span_start: number | null;
  before_text: string | null;
  after_text: string | null;
}

/**
 * The anchor of `body[start, end)`.
 * @example anchorAt('Kim told Ann', 9, 12) // { span_text: 'Ann', span_start: 9, before_text: 'Kim told ', after_text: '' }
 */
export function anchorAt(
  body: string,
  start: number,
  end: number,
): { span_text: string; span_start: number; span_end: number; before_text: string; after_text: string } {
  return {
    span_text: body.slice(start, end),
    span_start: start,
    span_end: end,
    before_text: body.slice(Math.max(0, start - CONTEXT), start),
    after_text: body.slice(end, end + CONTEXT),
  };
}

/** Where a span decision stands in `body` now: its new start, or null when its text changed. */
export function reanchor(body: string, d: SpanAnchor): number | null {
  const text = d.span_text ?? '';
  if (text === '') return null;
  let best: { at: number; score: number } | null = null;
  for (let at = body.indexOf(text); at !== -1; at = body.indexOf(text, at + 1)) {
    const before = body.slice(Math.max(0, at - CONTEXT), at);
    const after = body.slice(at + text.length, at + text.length + CONTEXT);
    const score = (before === d.before_text ? 2 : 0) + (after === d.after_text ? 1 : 0);
    if (score === 0) continue;
    const distance = Math.abs(at - (d.span_start ?? 0));
    if (
      best === null ||
      score > best.score ||
      (score === best.score && distance < Math.abs(best.at - (d.span_start ?? 0)))
    )
      best = { at, score };
  }
  return best?.at ?? null;
}

/** The context a span is shown in on a review screen: up to `width` characters either side. */
export function contextOf(body: string, start: number, end: number, width = 60) {
  return { before: body.slice(Math.max(0, start - width), start), after: body.slice(end, end + width) };
}
