import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/tokens.ts';

describe('tokenize', () => {
  it('drops the possessive and keeps apostrophes inside names', () => {
    expect(tokenize("Jayden's friend O'Brien and D’Souza's mum").map((t) => t.text)).toEqual([
      'Jayden',
      'friend',
      "O'Brien",
      'and',
      'D’Souza',
      'mum',
    ]);
  });
  it('joins a word hyphenated over a line break and keeps its real offsets', () => {
    const text = 'Mrs Oka-\nfor visited';
    const t = tokenize(text)[1]!;
    expect(t.lower).toBe('okafor');
    expect(text.slice(t.start, t.end)).toBe('Oka-\nfor');
  });
  it('marks sentence starts but not words after a title or a wrapped line', () => {
    const toks = tokenize('The visit ended. Dr. Mensah left.\nKyle\nBrennan stayed.\n\nBackground');
    const start = Object.fromEntries(toks.map((t) => [t.text, t.isSentenceStart]));
    expect(start).toMatchObject({
      The: true,
      Dr: true,
      Mensah: false,
      Kyle: true,
      Brennan: false,
      Background: true,
    });
  });
  it('knows capitals and all-capitals', () => {
    const [a, b, c] = tokenize('JAYDEN Smith smith');
    expect([a!.isAllCaps, b!.isCap, b!.isAllCaps, c!.isCap]).toEqual([true, true, false, false]);
  });
});
