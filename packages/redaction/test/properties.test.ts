import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cast } from '../src/cast.ts';
import { generateCase } from '../src/corpus/generate.ts';
import { detect } from '../src/detect.ts';
import { render } from '../src/render.ts';

/** Every name word of the cast (three letters or more), as it would be written. */
function castWords(cast: Cast): string[] {
  return cast.people
    .flatMap((p) => [...p.names, ...(p.nicknames ?? [])].flatMap((n) => n.split(/[\s-]+/)))
    .filter((w) => w.length >= 3);
}

const NAME = fc.constantFrom(
  'Jayden',
  'Kerry',
  'Okafor',
  'Zbigniew',
  'Aaliyah',
  'Ngozi',
  "O'Brien",
  'Smith-Jones',
  'Mariam',
);
const FILLER = fc.constantFrom(
  ' ',
  ', ',
  '. ',
  ' said ',
  "'s ",
  '\n',
  ' and ',
  ' the social worker ',
  ' on 3rd March 2019 ',
  ' ',
  '-\n',
  ' aged 4 ',
  '(',
  ')',
);

describe('properties', () => {
  it('applying the spans never leaves a cast name in generated reviews', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const c = generateCase({ seed, draw: 'dev', episodes: 6 });
        const out = render(c.text, detect(c.text, { cast: c.cast }).spans).text;
        const words = new Set(out.split(/[^\p{L}'’-]+/u).flatMap((w) => [w, ...w.split(/['’-]/)]));
        for (const w of castWords(c.cast)) expect(words.has(w), `"${w}" left in output`).toBe(false);
      }),
      { numRuns: 15 },
    );
  });

  it('applying the spans never leaves a cast name in arbitrary mixes of names and text', () => {
    const cast: Cast = {
      people: [
        { id: 'c', role: 'child', names: ['Jayden Okafor'] },
        { id: 'm', role: 'mother', names: ['Kerry Smith-Jones'] },
        { id: 'p', role: 'mothers-partner', names: ["Liam O'Brien"] },
      ],
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(NAME, FILLER), { maxLength: 30 }), (parts) => {
        const text = parts.map(([n, f]) => n + f).join('');
        const out = render(text, detect(text, { cast }).spans).text;
        for (const w of ['Jayden', 'Okafor', 'Kerry', "O'Brien", 'Smith', 'Jones'])
          expect(out.includes(w), `"${w}" left in: ${out}`).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('spans always land on the input’s characters, in order and without overlap, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.array(fc.tuple(NAME, FILLER)).map((p) => p.flat().join('')),
        ),
        (text) => {
          const { spans } = detect(text, {
            cast: { people: [{ id: 'c', role: 'child', names: ['Jayden Okafor'] }] },
          });
          let last = 0;
          for (const s of spans) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(s.start, s.end)).toBe(s.text);
            last = s.end;
          }
          expect(() => render(text, spans)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
