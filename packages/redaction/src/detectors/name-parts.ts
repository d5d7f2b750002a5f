/**
 * The parts of a person's name that a detector may leave beside its span: the lower-case half of a
 * hyphenated given name ("Lee Cheuk-yan", "Kim Jong-un"), a generational suffix ("Richard T.
 * Bissen Jr.", "Martin Luther King III"), initials before the name ("K. Michael Stevens", "O.J.
 * Simpson") and a middle initial between two parts found apart ("Kirk" "M." "Bart"). A name left
 * in part is a name leaked, so the span takes them.
 */
import type { AllowList } from '../allow-list.ts';
import { getLexicon, isOrdinaryWord } from '../lexicon.ts';
import type { Detection } from '../types.ts';

/** Lower-case words that follow a name and a hyphen as an ordinary compound ("Blair-era", "Smith-led"). */
const COMPOUND_TAILS = new Set(
  'era led style like type based born run owned made wise ish esque free wide size age day year years'.split(
    ' ',
  ),
);
const TAIL = /^-(\p{Ll}{1,8})(?![\p{L}-])/u;
const SUFFIX = /^(,?\s(?:Jr|Sr|Jnr|Snr)\.?|\s(?:II|III|IV))(?![\p{L}])/u;
const INITIALS_BEFORE = /(?:^|[\s(,;:"“])((?:\p{Lu}\.\s?){1,3})$/u;
const SHORT_SURNAME = /^ (\p{Lu}\p{Ll}{1,3})(?=[,;:.!?)]|\s+[\p{Ll}(]|$)/u;
const MIDDLE = /^\s(?:\p{Lu}\.\s?){1,2}$/u;

/**
 * People's spans grown over the parts of their names beside them; two people's spans joined over a
 * middle initial between them become one.
 * @example
 * withNameParts('Lee Cheuk-yan won', [{ start: 0, end: 9, type: 'PERSON', detector: 'model:names', confidence: 0.9 }], allow);
 * // the span now ends after "yan"
 */
export function withNameParts(text: string, dets: readonly Detection[], allow: AllowList): Detection[] {
  const sorted = [...dets].sort((a, b) => a.start - b.start);
  const out: Detection[] = [];
  for (const d0 of sorted) {
    if (d0.type !== 'PERSON' || d0.castId) {
      out.push(d0);
      continue;
    }
    let { start, end } = d0;
    const tail = TAIL.exec(text.slice(end, end + 10));
    // "Cheuk-yan": a tail the word lists do not know, or a short one that is no compound's head.
    if (tail && /\p{Lu}\p{Ll}*$/u.test(text.slice(start, end))) {
      const w = tail[1]!;
      if (!isOrdinaryWord(w) || (w.length <= 4 && !COMPOUND_TAILS.has(w))) end += tail[0].length;
    }
    // "James To", "Junius Ho", "Wilson Or": a short capitalised word after a given name, in
    // mid-sentence and not before another capital, is a surname however ordinary ("to", "or").
    const short = SHORT_SURNAME.exec(text.slice(end, end + 8));
    if (short && !short[1]!.startsWith('Jr') && !short[1]!.startsWith('Sr')) {
      const last = /(\p{L}+)$/u.exec(text.slice(start, end))?.[1]?.toLowerCase();
      if (last && getLexicon().given.has(last)) end += short[0].length;
    }
    const suffix = SUFFIX.exec(text.slice(end, end + 6));
    if (suffix) end += suffix[0].length;
    if (text[end] === '.' && /\b(?:Jr|Sr|Jnr|Snr)$/.test(text.slice(end - 4, end))) end++;
    const before = INITIALS_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    if (before) {
      const letters = before[1]!.replace(/[.\s]/g, '');
      // "the U.S. Senate", "the U.K. Government" are places, not initials.
      // One initial before one word is as likely a list's letter ("A. Inca B. Maya").
      const isFullName = letters.length > 1 || /\s/.test(text.slice(start, end));
      const isAbbreviation =
        letters.length > 1 && (allow.has(letters) || /^(?:US|UK|EU|UN|USA|UAE|NZ)$/.test(letters));
      if (isFullName && !isAbbreviation) start -= before[1]!.length;
    }
    const prev = out[out.length - 1];
    if (prev && prev.type === 'PERSON' && !prev.castId && MIDDLE.test(text.slice(prev.end, start))) {
      out[out.length - 1] = { ...prev, end, confidence: Math.max(prev.confidence, d0.confidence) };
      continue;
    }
    out.push(start === d0.start && end === d0.end ? d0 : { ...d0, start, end });
  }
  return out;
}
