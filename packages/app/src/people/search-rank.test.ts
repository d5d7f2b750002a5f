import { describe, expect, it } from 'vitest';
import { nameParts, rankName } from './search-rank.ts';

const hit = (given: string, family: string, similarity = 0.4, givenSounds = false, familySounds = true) => ({
  given,
  family,
  similarity,
  givenSounds,
  familySounds,
});

describe('ranking people found by name', () => {
  it('splits a query into given and family name', () => {
    expect(nameParts('Bill  Smith')).toEqual({ given: 'Bill', family: 'Smith' });
    expect(nameParts('Smith')).toEqual({ given: null, family: 'Smith' });
  });

  it('puts the exact name first, then a nickname, then a sound-alike, then others with the family name', () => {
    const q = 'Bill Smith';
    const ranked = [
      hit('Jane', 'Smith', 0.45),
      hit('Bell', 'Smith', 0.4, true),
      hit('William', 'Smith', 0.35),
      hit('Bill', 'Smith', 1),
    ].sort((a, b) => rankName(q, b) - rankName(q, a));
    expect(ranked.map((h) => h.given)).toEqual(['Bill', 'William', 'Bell', 'Jane']);
  });

  it('prefers the exact family name to a sound-alike', () => {
    expect(rankName('Kate Smith', hit('Catherine', 'Smith'))).toBeGreaterThan(
      rankName('Kate Smith', hit('Catherine', 'Smyth')),
    );
  });
});
