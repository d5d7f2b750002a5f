/** Cast identifiers (NHS numbers, phones, emails, references) found in any spacing. */
import type { Cast } from '../cast.ts';
import type { Detection, SpanType } from '../types.ts';
import { findEmails } from './emails.ts';

interface Item {
  type: SpanType;
  value: string;
}

/** Digits only, with +44 read as a leading 0. */
const digitKey = (s: string): string => s.replace(/^\+44\s*(?:\(0\)\s*)?/, '0').replace(/\D/g, '');
const textKey = (s: string): string => s.replace(/[\s-]/g, '').toLowerCase();
/** Letters and digits only: "QRS 7012345", "qrs-7012345" and "QRS7012345" are one reference. */
const codeKey = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
/** What may separate the parts of one reference: spaces, slashes, dots, hyphens, colons. */
const CODE_GAP = /^[ \t/.\-_:#]{1,3}$/;
const MAX_PARTS = 6;

/**
 * Cast references in any spacing and separators, in one pass over the text's letter-and-digit
 * chunks: a run of chunks whose letters and digits spell a cast reference is that reference. A
 * reference with a letter prefix also matches by its numbers alone ("REF 21/30417" → "21/30417").
 */
function findCodes(
  text: string,
  { keys, prefixes }: CastCodes,
  push: (start: number, end: number, it: Item) => void,
): void {
  if (keys.size === 0) return;
  // References are ASCII letters and digits; an ASCII scan is several times faster than \p{L}.
  // Chunks are read one at a time: most are no reference's first part and cost one look-up.
  const chunk = /[A-Za-z0-9]+/g;
  const next = /[A-Za-z0-9]+/g;
  for (let c = chunk.exec(text); c; c = chunk.exec(text)) {
    let key = c[0].toLowerCase();
    if (!prefixes.has(key)) continue;
    let best: [number, Item] | undefined;
    let end = c.index + c[0].length;
    for (let parts = 1; ; parts++) {
      const it = keys.get(key);
      if (it) best = [end, it];
      if (parts >= MAX_PARTS) break;
      next.lastIndex = end;
      const n = next.exec(text);
      if (!n || !CODE_GAP.test(text.slice(end, n.index))) break;
      const longer = key + n[0].toLowerCase();
      if (!prefixes.has(longer)) break;
      key = longer;
      end = n.index + n[0].length;
    }
    if (best) {
      push(c.index, best[0], best[1]);
      chunk.lastIndex = best[0];
    }
  }
}

/** The references of one cast by their letters and digits, and every prefix of those keys. */
interface CastCodes {
  keys: Map<string, Item>;
  prefixes: Set<string>;
}

function castCodes(byText: Map<string, Item>): CastCodes {
  const keys = new Map<string, Item>();
  for (const it of byText.values()) {
    if (it.type === 'EMAIL') continue;
    const key = codeKey(it.value);
    if (!/\d/.test(key) || key.length < 3 || !/^[a-z0-9]+$/.test(key)) continue;
    keys.set(key, it);
    const numbers = /^\p{L}+(\d.*)$/u.exec(key)?.[1];
    if (numbers && numbers.replace(/\D/g, '').length >= 5 && !keys.has(numbers)) keys.set(numbers, it);
  }
  const prefixes = new Set<string>();
  for (const k of keys.keys()) for (let n = 1; n <= k.length; n++) prefixes.add(k.slice(0, n));
  return { keys, prefixes };
}

/** What matching needs from a cast, built once per cast object (many short documents share one). */
interface CastItems {
  byDigits: Map<string, Item>;
  byText: Map<string, Item>;
  codes: CastCodes;
}
const itemsMemo = new WeakMap<Cast, CastItems>();

function castItems(cast: Cast): CastItems {
  const memo = itemsMemo.get(cast);
  if (memo) return memo;
  const items: Item[] = [];
  for (const p of cast.people) {
    if (p.nhsNumber) items.push({ type: 'NHS_NUMBER', value: p.nhsNumber });
    for (const v of p.phones ?? []) items.push({ type: 'PHONE', value: v });
    for (const v of p.emails ?? []) items.push({ type: 'EMAIL', value: v });
    for (const v of p.ids ?? []) items.push({ type: 'ID', value: v });
  }
  for (const x of cast.identifiers ?? []) items.push({ type: x.type, value: x.value });
  const byDigits = new Map<string, Item>();
  const byText = new Map<string, Item>();
  for (const it of items) {
    if (it.type === 'NHS_NUMBER' || it.type === 'PHONE') {
      const d = digitKey(it.value);
      if (d.length >= 6) byDigits.set(d, it);
    } else if (textKey(it.value).length >= 3) byText.set(textKey(it.value), it);
  }
  const out = { byDigits, byText, codes: castCodes(byText) };
  itemsMemo.set(cast, out);
  return out;
}

const NUMBERS = /(?<![\w@])\+?\(?\d[\d\s()-]{4,22}\d(?![\w@])/g;

/**
 * Finds every identifier listed in the cast (on people or in `identifiers`), whatever its spacing.
 * @example
 * detectCastIdentifiers('Call 07700 900123', { people: [{ id: 'm', role: 'mother', names: ['A B'], phones: ['07700900123'] }] });
 */
export function detectCastIdentifiers(text: string, cast: Cast): Detection[] {
  const { byDigits, byText, codes } = castItems(cast);
  const out: Detection[] = [];
  const push = (start: number, end: number, it: Item): void => {
    out.push({
      start,
      end,
      type: it.type,
      detector: 'cast:identifier',
      confidence: 1,
      key: `${it.type}:${textKey(it.value)}`,
    });
  };
  if (byDigits.size > 0) {
    for (const m of text.matchAll(NUMBERS)) {
      // The number itself, or any run of its digit groups ("call 0113 496 0000 or …").
      const groups = [...m[0].matchAll(/\+?\d+/g)];
      for (let a = 0; a < groups.length; a++) {
        for (let b = groups.length - 1; b >= a; b--) {
          const s = m.index + groups[a]!.index;
          const e = m.index + groups[b]!.index + groups[b]![0].length;
          const it = byDigits.get(digitKey(text.slice(s, e)));
          if (it) {
            push(s, e, it);
            a = b;
            break;
          }
        }
      }
    }
  }
  if (byText.size > 0) {
    for (const [s, e] of findEmails(text)) {
      const it = byText.get(textKey(text.slice(s, e)));
      if (it) push(s, e, it);
    }
    findCodes(text, codes, push);
  }
  return out;
}
