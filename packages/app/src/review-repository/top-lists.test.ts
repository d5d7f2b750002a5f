import { describe, expect, it } from 'vitest';
import { totalText } from './present.ts';
import { about, termsOf } from './top-lists.ts';

describe('termsOf', () => {
  it('gives the words of a conjunction of words and phrases', () => {
    expect(termsOf("'hous'")).toEqual(['hous']);
    expect(termsOf("'strategi' <-> 'discuss' & 'hous'")).toEqual(['strategi', 'discuss', 'hous']);
    expect(termsOf("'self-harm' <-> 'self' <-> 'harm'")).toEqual(['self-harm', 'self', 'harm']);
    expect(termsOf("'voic' <3> 'child' & ( 'a' <-> 'b' )")).toEqual(['voic', 'child', 'a', 'b']);
    expect(termsOf("'o''neil' & 'a\\\\b'")).toEqual(["o'neil", 'a\\b']);
    expect(termsOf("'hous' & 'hous'")).toEqual(['hous']);
    expect(termsOf('')).toEqual([]);
  });

  it('refuses or, not and prefixes (those are ranked exactly)', () => {
    expect(termsOf("'hear' & 'aid' | !'x'")).toBeNull();
    expect(termsOf("'hous' & !'offic'")).toBeNull();
    expect(termsOf("'hous':*")).toBeNull();
  });
});

describe('estimates', () => {
  it('round to two figures, never below what was found', () => {
    expect(about(1937, 20)).toBe(1900);
    expect(about(87.4, 20)).toBe(87);
    expect(about(3, 20)).toBe(20);
    expect(totalText(1900, true)).toBe('About 1,900 reviews');
    expect(totalText(1, false)).toBe('1 review');
    expect(totalText(12, false)).toBe('12 reviews');
  });
});
