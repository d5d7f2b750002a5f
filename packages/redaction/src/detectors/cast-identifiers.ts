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

const NUMBERS = /(?<![\w@])\+?\(?\d[\d\s()-]{4,22}\d(?![\w@])/g;
/** Codes with at least one digit: UPNs, LA child ids, case references. */
const CODES = /(?<![\w@/])(?=[A-Za-z/-]*\d)[A-Za-z0-9][A-Za-z0-9/-]{2,30}(?![\w@])/g;

/**
 * Finds every identifier listed in the cast (on people or in `identifiers`), whatever its spacing.
 * @example
 * detectCastIdentifiers('Call 07700 900123', { people: [{ id: 'm', role: 'mother', names: ['A B'], phones: ['07700900123'] }] });
 */
export function detectCastIdentifiers(text: string, cast: Cast): Detection[] {
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
    for (const m of text.matchAll(CODES)) {
      const it = byText.get(textKey(m[0]));
      if (it) push(m.index, m.index + m[0].length, it);
    }
  }
  return out;
}
