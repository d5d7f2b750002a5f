import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../src/resolve.ts';
import type { Detection } from '../src/types.ts';

const d = (start: number, end: number, detector: string, extra: Partial<Detection> = {}): Detection => ({
  start,
  end,
  type: 'PERSON',
  detector,
  confidence: 0.9,
  ...extra,
});

describe('resolveOverlaps', () => {
  const text = 'AB12 CDE. Kerry Smith went out.';
  it('keeps the longest span, and the cast on a tie', () => {
    const kept = resolveOverlaps(
      [d(10, 15, 'names:gazetteer'), d(10, 21, 'names:gazetteer'), d(10, 21, 'cast', { castId: 'm' })],
      text,
    );
    expect(kept).toEqual([d(10, 21, 'cast', { castId: 'm' })]);
  });
  it('keeps the free part of a span that overlaps a kept one in part', () => {
    const t = 'at 14 Elm Road, Leeds LS6 1DS. Kerry left';
    const address = d(3, t.indexOf('.'), 'pattern:address', { type: 'ADDRESS' });
    const titled = d(t.indexOf('DS.'), t.indexOf(' left'), 'cast', { castId: 'm' });
    const kept = resolveOverlaps([titled, address], t);
    expect(kept.map((k) => t.slice(k.start, k.end))).toEqual(['14 Elm Road, Leeds LS6 1DS', 'Kerry']);
  });
  it('gives a containing span the cast id of a compatible cast span inside it', () => {
    const kept = resolveOverlaps([d(10, 15, 'cast', { castId: 'm' }), d(10, 30, 'names:capitals')], text);
    expect(kept[0]).toMatchObject({ start: 10, end: 30, castId: 'm' });
  });
});
