/**
 * What the whole document says about a word: a capitalised word the document also writes in lower
 * case is a heading or a title beside other capitals, not another mention of a name; the learned
 * detector reads document-wide facts ("the Olmec", "Olmec heads") and what it tagged the word as
 * earlier; and one person's mention forms share one pseudonym.
 */
import { describe, expect, it } from 'vitest';
import { parseCast } from '../src/cast.ts';
import { detect } from '../src/detect.ts';
import { contextFeatures, docContext, remember, wordFeatures, type Run } from '../src/model/features.ts';
import { tokenize } from '../src/tokens.ts';

const texts = (text: string, names: 'rules' | 'combined'): string[] =>
  detect(text, { policy: { names } })
    .spans.filter((s) => s.type === 'PERSON')
    .map((s) => s.text);

describe('a word the document also writes in lower case', () => {
  for (const names of ['rules', 'combined'] as const) {
    it(`is not another mention of a name beside other capitals (${names})`, () => {
      const library = 'Staff at the Image Library said the Image Library keeps such files.';
      const withLower = `Her neighbour, Gordon Image, called the police. The image on the camera was poor. ${library}`;
      const withoutLower = `Her neighbour, Gordon Image, called the police. ${library}`;
      expect(texts(withLower, names)).toEqual(['Gordon Image']);
      // The same text without the lower-case "image": the library's capitalised word is propagated.
      expect(texts(withoutLower, names)).toEqual(['Gordon Image', 'Image', 'Image']);
    });

    it(`is still the person alone in mid-sentence (${names})`, () => {
      const text =
        'Her neighbour, Gordon Image, called the police. The image was poor, and officers later asked Image about the night.';
      expect(texts(text, names)).toEqual(['Gordon Image', 'Image']);
    });
  }
});

describe("the learned detector's document-wide features", () => {
  it('sees "the Olmec", its plural and its use before a lower-case word anywhere in the document', () => {
    const text =
      'Olmec heads were carved from basalt. The Olmecs traded widely, and the Olmec world was large.';
    const tokens = tokenize(text);
    const ctx = docContext(text, tokens, []);
    const run: Run = { from: 0, to: 0 };
    const f = contextFeatures(ctx, run, 0, 'O');
    expect(f).toEqual(
      expect.arrayContaining(['doc:the', 'doc:plural', 'doc:before-lower:U', 'doc:the-no-poss']),
    );
    expect(f).not.toContain('doc:poss');
  });

  it('sees a possessive, a title and a speech verb elsewhere', () => {
    const text = "Mrs Okonjo arrived late. Okonjo's car was outside. Okonjo said she was tired.";
    const tokens = tokenize(text);
    const at = tokens.findIndex((t, i) => i > 1 && t.text === 'Okonjo');
    const f = contextFeatures(docContext(text, tokens, []), { from: at, to: at }, at, 'O');
    expect(f).toEqual(expect.arrayContaining(['doc:poss', 'doc:title', 'doc:said']));
    expect(f).not.toContain('doc:the');
  });

  it('sees what it tagged the word as earlier in the document, and inside a longer name', () => {
    const text = 'Barack Obama spoke first. Later Obama left.';
    const tokens = tokenize(text);
    const ctx = docContext(text, tokens, []);
    const later = tokens.findIndex((t, i) => i > 1 && t.text === 'Obama');
    expect(
      contextFeatures(ctx, { from: later, to: later }, later, 'O').some((f) => f.startsWith('seen:')),
    ).toBe(false);
    remember(ctx, { from: 0, to: 1 }, ['B-PER', 'I-PER']);
    expect(contextFeatures(ctx, { from: later, to: later }, later, 'O')).toEqual(
      expect.arrayContaining(['seen:PER', 'seen:PER-in-longer']),
    );
  });

  it("knows languages and regions from Node's ICU data", () => {
    expect(wordFeatures('Yoruba')).toContain('intl:language');
    expect(wordFeatures('Tatars')).toContain('intl:language');
    expect(wordFeatures('Portugal')).toContain('intl:region');
    expect(wordFeatures('Okonjo')).not.toContain('intl:language');
  });
});

describe('one pseudonym per person across mention forms', () => {
  it('finds a first name already found again before a cast surname at a sentence start', () => {
    const cast = parseCast({
      people: [
        { id: 'c', role: 'child', names: ['Ella Rigby'] },
        { id: 'm', role: 'mother', names: ['Lisa Rigby'], aliases: ['Lisa Harte'] },
      ],
    });
    const text =
      'The grandparents, Pat and Ron Harte, lived nearby. Pat Harte told the review that Ella was hungry.';
    const { spans } = detect(text, { cast });
    const pats = spans.filter((s) => s.text.startsWith('Pat'));
    expect(pats.map((s) => s.text)).toEqual(['Pat', 'Pat Harte']);
    expect(new Set(pats.map((s) => s.entity)).size).toBe(1);
  });

  it('gives a full name, the surname alone and the title with the surname one pseudonym', () => {
    const text =
      'Her lodger, Tadeusz Wierzbicki, moved in during May. Wierzbicki told the health visitor little. Mr Wierzbicki left in June.';
    const { spans } = detect(text, {});
    const people = spans.filter((s) => s.type === 'PERSON');
    expect(people.map((s) => s.text)).toEqual(['Tadeusz Wierzbicki', 'Wierzbicki', 'Mr Wierzbicki']);
    expect(new Set(people.map((s) => s.entity)).size).toBe(1);
  });
});
