import { describe, expect, it } from 'vitest';
import { score } from '../src/corpus/evaluate.ts';
import { generateCase } from '../src/corpus/generate.ts';
import { namePools } from '../src/corpus/pools.ts';
import { parseCast } from '../src/cast.ts';

describe('development corpus', () => {
  it('is deterministic for a seed and different across seeds', () => {
    expect(generateCase({ seed: 7, draw: 'dev' }).text).toBe(generateCase({ seed: 7, draw: 'dev' }).text);
    expect(generateCase({ seed: 7, draw: 'dev' }).text).not.toBe(generateCase({ seed: 8, draw: 'dev' }).text);
  });
  it('has gold spans on the text, a valid cast, and people outside the cast', () => {
    const c = generateCase({ seed: 3, draw: 'heldout', episodes: 120 });
    for (const g of c.gold)
      expect(c.text.slice(g.start, g.end).replace(/\s/g, ' ')).toBe(g.text.replace(/\s/g, ' '));
    expect(() => parseCast(c.cast)).not.toThrow();
    expect(c.gold.some((g) => g.type === 'PERSON' && !g.isCast)).toBe(true);
    expect(new Set(c.gold.map((g) => g.type))).toEqual(
      new Set([
        'PERSON',
        'PLACE',
        'ADDRESS',
        'POSTCODE',
        'ORGANISATION',
        'DATE',
        'AGE',
        'NHS_NUMBER',
        'PHONE',
        'EMAIL',
        'ID',
      ]),
    );
  });
  it('draws development and held-out names from disjoint halves of the pools', () => {
    const dev = new Set(namePools('dev').surnames.flatMap((p) => p.names));
    const held = namePools('heldout').surnames.flatMap((p) => p.names);
    expect(held.length).toBeGreaterThan(1000);
    expect(held.filter((n) => dev.has(n))).toEqual([]);
  });
  it('scores recall by covered gold characters and precision by overlap', () => {
    const gold = [{ start: 0, end: 6, type: 'PERSON' as const, isCast: true, entity: 'c', text: 'Jayden' }];
    const span = {
      start: 0,
      end: 6,
      type: 'PERSON' as const,
      text: 'Jayden',
      entity: 'e1',
      replacement: 'Child A',
      detector: 'cast',
      confidence: 1,
    };
    const s = score('Jayden met Bob', gold, [span, { ...span, start: 11, end: 14, text: 'Bob' }]);
    expect(s.recall.get('PERSON (cast)')).toEqual({ found: 1, total: 1 });
    expect(s.precision.get('PERSON')).toEqual({ found: 1, total: 2 });
    expect(score('Jayden met Bob', gold, [{ ...span, end: 3, text: 'Jay' }]).recall.get('PERSON')).toEqual({
      found: 0,
      total: 1,
    });
  });
});
