/** Turns overlapping detections into one set of non-overlapping spans. */
import { HONORIFICS } from './detectors/honorifics.ts';
import type { Detection, SpanType } from './types.ts';

const ALNUM = /[\p{L}\p{N}]/u;

const rank = (d: Detection): number =>
  d.detector.startsWith('cast')
    ? 3
    : d.detector.startsWith('pattern') || d.detector.startsWith('model')
      ? 2
      : 1;

const CONTAINS_ENTITY: Partial<Record<SpanType, SpanType[]>> = {
  ADDRESS: ['ADDRESS', 'PLACE'],
  PLACE: ['PLACE', 'ADDRESS'],
  ORGANISATION: ['ORGANISATION'],
  PERSON: ['PERSON'],
};

/**
 * Keeps the longest detection where detections overlap (the cast wins ties, then patterns, then
 * heuristics, then confidence). A kept span that contains a cast match of a compatible type takes
 * over its cast id, so "14 Elm Road, Leeds LS6 2AB" is still the cast's home address. A span that
 * overlaps a kept one only in part keeps its free part, so no name is lost to a neighbour.
 * @example
 * resolveOverlaps([{ start: 0, end: 6, … }, { start: 0, end: 13, … }], text); // the 13-character one
 */
export function resolveOverlaps(dets: Detection[], source: string): Detection[] {
  const text = (_d: Detection, k: number): string => source[k] ?? '';
  const order = [...dets].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      rank(b) - rank(a) ||
      b.confidence - a.confidence ||
      a.start - b.start,
  );
  const size = dets.reduce((m, d) => Math.max(m, d.end), 0);
  const taken = new Uint8Array(size);
  const cast = dets.filter((d) => d.castId).sort((a, b) => a.start - b.start);
  const castInside = (d: Detection): Detection | undefined => {
    let lo = 0;
    let hi = cast.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cast[mid]!.start < d.start) lo = mid + 1;
      else hi = mid;
    }
    let found: Detection | undefined;
    for (let k = lo; k < cast.length && cast[k]!.start < d.end; k++) {
      const x = cast[k]!;
      if (x.end > d.end || !(CONTAINS_ENTITY[d.type] ?? []).includes(x.type)) continue;
      // An address span takes a cast address before a cast street of the same name.
      if (d.type !== 'ADDRESS' || x.type === 'ADDRESS') return x;
      found ??= x;
    }
    return found;
  };
  const kept: Detection[] = [];
  for (const o of order) {
    if (o.end <= o.start) continue;
    // Fail safe: a span that only partly overlaps a kept one keeps its free part ("DS. Brenda" → "Brenda").
    let start = o.start;
    let end = o.end;
    if (taken[start]) {
      while (start < end && (taken[start] || !ALNUM.test(text(o, start)))) start++;
    }
    if (taken[end - 1]) {
      while (end > start && (taken[end - 1] || !ALNUM.test(text(o, end - 1)))) end--;
    }
    if (end <= start) continue;
    let free = true;
    for (let k = start; k < end && free; k++) if (taken[k]) free = false;
    if (!free) continue;
    const d = start === o.start && end === o.end ? o : { ...o, start, end };
    taken.fill(1, d.start, d.end);
    const out = { ...d };
    if (!out.castId) {
      const inner = castInside(d);
      // "Gaz Ashworth" around the cast's surname "Ashworth": an unlisted relative, unless only
      // titles stand before the surname ("Detective Constable Ashworth").
      const relative =
        inner?.kind === 'surname' &&
        d.type === 'PERSON' &&
        source
          .slice(d.start, inner.start)
          .toLowerCase()
          .split(/[^\p{L}]+/u)
          .some((w) => w && !HONORIFICS.has(w));
      if (inner?.castId && !relative) out.castId = inner.castId;
    }
    kept.push(out);
  }
  return kept.sort((a, b) => a.start - b.start);
}
