import { describe, expect, it } from 'vitest';
import { isInitialOf } from '../src/comparisons.ts';
import { isNickname, nicknameGroups, nicknameGroupsNear } from '../src/text/nicknames.ts';
import { nameParts, normaliseName, normaliseText, ocrFold } from '../src/text/normalise.ts';
import { doubleMetaphone, soundsAlike } from '../src/text/phonetic.ts';

describe('normalisation', () => {
  it('lower-cases names, drops accents and apostrophes, keeps hyphens', () => {
    expect(normaliseName("  O'Neill-Smyth ")).toBe('oneill-smyth');
    expect(normaliseName('Zoë  ANNE')).toBe('zoe anne');
    expect(normaliseName('Smith - Jones')).toBe('smith-jones');
    expect(normaliseName('  ')).toBeNull();
    expect(normaliseName(null)).toBeNull();
  });
  it('reads a digit inside a name as the letter it looks like, and folds misread letter groups', () => {
    expect(normaliseName('R0NA1D')).toBe('ronald');
    expect(normaliseName('miss 5u5an')).toBe('susan');
    expect(normaliseName('PATE1')).toBe('patel');
    expect(normaliseName('Henry 8')).toBe('henry');
    expect(ocrFold('rnichelle')).toBe('michelle');
    expect(ocrFold('davicl')).toBe('david');
    expect(ocrFold('vvilliam')).toBe('william');
  });
  it('splits names into parts and tidies free text', () => {
    expect(nameParts('smith-jones')).toEqual(['smith', 'jones']);
    expect(normaliseText(' 12,  High St. ')).toBe('12 high st');
  });
});

describe('Double Metaphone', () => {
  it('codes names that sound alike the same', () => {
    expect(doubleMetaphone('smith')).toEqual(['SM0', 'XMT']);
    expect(soundsAlike('catherine', 'kathryn')).toBe(true);
    expect(soundsAlike('mohammed', 'muhammad')).toBe(true);
    expect(soundsAlike('smith', 'jones')).toBe(false);
  });
});

describe('nicknames (shipped UK/English list)', () => {
  it('knows the common short forms', () => {
    expect(isNickname('bill', 'william')).toBe(true);
    expect(isNickname('kate', 'catherine')).toBe(true);
    expect(isNickname('liz', 'elizabeth')).toBe(true);
    expect(isNickname('peggy', 'margaret')).toBe(true);
    expect(isNickname('alex', 'alexandra')).toBe(true);
  });
  it('does not link unrelated names, or a name to itself', () => {
    expect(isNickname('bill', 'elizabeth')).toBe(false);
    expect(isNickname('william', 'william')).toBe(false);
    expect(nicknameGroups('xzander')).toEqual([]);
  });
  it('finds the groups of a mistyped name through the listed name one slip away', () => {
    expect(nicknameGroupsNear('olivver')).toEqual(nicknameGroups('oliver'));
    expect(nicknameGroupsNear('xzander')).toEqual(nicknameGroups('xander'));
    expect(nicknameGroupsNear('bill')).toEqual(nicknameGroups('bill'));
    expect(nicknameGroupsNear('qqqq')).toEqual([]);
    expect(nicknameGroupsNear('bil')).toEqual([]); // too short to guess from
  });
});

describe('names: titles and initials', () => {
  it('drops a leading title and sees an initial as a short form', () => {
    expect(normaliseName('MR. J. SMITH')).toBe('j smith');
    expect(normaliseName('Master Samuel')).toBe('samuel');
    expect(normaliseName('Miss')).toBe('miss');
    expect(isInitialOf('j', 'john')).toBe(true);
    expect(isInitialOf('john', 'j')).toBe(true);
    expect(isInitialOf('k', 'john')).toBe(false);
  });
});
