/**
 * The learned name detector: it loads from the package, gives the same output for the same input,
 * and improves on the rules alone on the held-back part of the GUM development corpus.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCast } from '../src/cast.ts';
import { committedSplit, devDataDir, readDevDocs, splitDocs } from '../src/corpus/dev-data.ts';
import { onlyTypes, score, type Scores } from '../src/corpus/evaluate.ts';
import { readReviewDocs } from '../src/corpus/reviews.ts';
import { detect } from '../src/detect.ts';
import type { NameMethod } from '../src/model/methods.ts';
import { getNameModel } from '../src/model/name-model.ts';
import { decodeWeights } from '../src/model/perceptron.ts';

describe('the learned name detector', () => {
  it('loads its weights from the package, with no download', () => {
    const w = getNameModel();
    expect(w.size).toBeGreaterThan(10_000);
    const raw = readFileSync(new URL('../data/name-model.js', import.meta.url), 'utf8');
    expect(raw).toContain('scale 0.01');
    expect(raw).not.toMatch(/https?:\/\//);
    // Decoding the shipped text again gives the same weights.
    const again = decodeWeights(JSON.parse(raw.slice(raw.indexOf('"'), raw.lastIndexOf('"') + 1)) as string);
    expect(again.size).toBe(w.size);
  });

  it('gives the same output for the same input', () => {
    const text =
      'Marguerite Oyelaran-Fitch met Tadeusz at the Hollins Community Centre. Oyelaran-Fitch later said that Tadeusz had left for Grimsby.';
    const a = detect(text, {});
    const b = detect(text, {});
    expect(b).toEqual(a);
    expect(a.spans.map((s) => s.text)).toEqual(
      expect.arrayContaining(['Marguerite Oyelaran-Fitch', 'Tadeusz', 'Grimsby']),
    );
  });

  it('was split from the held-back part by document, as committed', () => {
    const docs = readDevDocs();
    const split = splitDocs(docs);
    const committed = committedSplit();
    expect(committed.heldback.length).toBe(77);
    for (const id of committed.heldback) expect(split.get(id)).toBe('heldback');
    for (const id of committed.train) expect(split.get(id)).toBe('train');
  });

  it('improves on the rules alone for people on the held-back GUM part', () => {
    expect(devDataDir(), 'shared/dev-data/redaction must be present for this test').toBeDefined();
    const held = readDevDocs('heldback');
    const run = (names: NameMethod): Scores => {
      let s: Scores | undefined;
      for (const d of held)
        s = score(
          d.text,
          d.gold,
          detect(d.text, { cast: parseCast(d.cast), policy: { names } }).spans,
          s,
          onlyTypes(['PERSON', 'PLACE', 'ORGANISATION']),
        );
      return s!;
    };
    const f1 = (s: Scores): number => {
      const r = s.recall.get('PERSON')!;
      const p = s.precision.get('PERSON')!;
      const R = r.found / r.total;
      const P = p.found / p.total;
      return (2 * P * R) / (P + R);
    };
    const rules = run('rules');
    const combined = run('combined');
    const rec = (s: Scores): number => s.recall.get('PERSON')!.found / s.recall.get('PERSON')!.total;
    expect(rec(combined)).toBeGreaterThan(rec(rules));
    expect(f1(combined)).toBeGreaterThan(f1(rules));
  }, 60_000);

  it('leaves no cast name in the hand-written review corpus', () => {
    for (const d of readReviewDocs()) {
      const { spans } = detect(d.text, { cast: d.cast });
      const covered = new Uint8Array(d.text.length);
      for (const s of spans) covered.fill(1, s.start, s.end);
      for (const g of d.gold.filter((x) => x.isCast && x.type === 'PERSON'))
        for (let i = g.start; i < g.end; i++)
          if (/\p{L}/u.test(d.text[i]!)) expect(covered[i], `${d.doc}: ${g.text}`).toBe(1);
    }
  });
});
