/**
 * Initials of people the cast does not list ("T.B.", "K.D.", "KD"), taken as person mentions when
 * the context says so: dotted initials unless they are a known abbreviation; bare capitals only
 * beside a person word ("her friend KD", "KD said", "a neighbour, KD,", "KD's flat").
 */
import type { AllowList } from '../allow-list.ts';
import { getLexicon } from '../lexicon.ts';
import type { Detection } from '../types.ts';
import { PERSON_AFTER, PERSON_BEFORE } from './name-rules.ts';
import { HONORIFICS } from './titles.ts';

/** Dotted abbreviations that are not anyone's initials. */
const DOTTED_NOT_PEOPLE = new Set(
  'us uk eu un usa ussr am pm eg ie dc bc ad ps nb rip uae nz etc vs ba ma bsc msc phd md mp qc kc obe mbe cbe rsvp asap aka fao dob nfa nok'.split(
    ' ',
  ),
);
/** Bare capitals that are common abbreviations in reviews and elsewhere, never initials. */
const BARE_NOT_PEOPLE = new Set(
  'ok la tv id it pc uk us eu un ae am pm hr pa ta sw hv gp dc ds di dr mr ms ii iii iv vi vii ix xi xx nb ps cd dvd pe re sen adhd asd ocd ptsd sms mms dj mc bbc itv cctv dna hiv aids std sti ct mri ecg eeg icu nicu scbu bmi ppe sim qr ip pin atm gcse sats tb ibs uti fgm cse cce dv da ipv rta rtc abh gbh ni sia sa sr jr jnr snr hq ceo cfo mbe obe lgbt lgbtq bsl esol eal dla pip esa jsa uc ehc ehcp sgo cin cp lac cla ld mh aa na rn mp sms og lol omg bf gf fb ig bpd eupd cbt dbt emdr camhs hiv'.split(
    ' ',
  ),
);
const DOTTED = /(?<![\p{L}.])((?:\p{Lu}\.\s?){2,3})/gu;
const BARE = /(?<![\p{L}\d.'’-])(\p{Lu}{2,3})(?![\p{L}\d-])/gu;
const HAS_DOTTED = /\p{Lu}\./u;
const HAS_BARE = /\p{Lu}\p{Lu}/u;
const WORD_BEFORE = /([\p{L}'’-]+)[\s,(]*$/u;
const WORD_AFTER = /^(?:['’]s)?[\s,)]*([\p{L}'’-]+)/u;

/**
 * People's initials outside the cast, in text positions `mask` leaves free.
 * @example
 * detectInitials('Her friend KD said…', new Uint8Array(20), allow)[0]?.detector; // 'names:initials'
 */
export function detectInitials(text: string, mask: Uint8Array, allow: AllowList): Detection[] {
  const lx = getLexicon();
  const out: Detection[] = [];
  const push = (s: number, e: number, letters: string, conf: number): void => {
    for (let k = s; k < e; k++) if (mask[k]) return;
    out.push({
      start: s,
      end: e,
      type: 'PERSON',
      detector: 'names:initials',
      confidence: conf,
      key: letters.toLowerCase(),
    });
  };
  // Quick tests first: most short documents have neither a capital before a full stop nor two capitals together.
  if (HAS_DOTTED.test(text))
    for (const m of text.matchAll(DOTTED)) {
      const raw = m[1]!.trimEnd();
      const letters = raw.replace(/[.\s]/g, '');
      if (DOTTED_NOT_PEOPLE.has(letters.toLowerCase()) || allow.has(letters)) continue;
      // "J. Smith" is a name the other detectors read; "J.P. In her first weeks" ends a sentence.
      const after = /^\s?(\p{Lu}\p{Ll}+)/u.exec(text.slice(m.index + raw.length, m.index + raw.length + 30));
      if (after && !lx.words.has(after[1]!.toLowerCase())) continue;
      push(m.index, m.index + raw.length, letters, 0.85);
    }
  // A line written in capitals (a heading) says nothing about initials.
  if (HAS_BARE.test(text))
    for (const m of text.matchAll(BARE)) {
      const letters = m[1]!;
      const lower = letters.toLowerCase();
      if (BARE_NOT_PEOPLE.has(lower) || allow.has(letters) || lx.words.has(lower)) continue;
      const s = m.index;
      const e = s + letters.length;
      const before = text.slice(Math.max(0, s - 30), s);
      const after = text.slice(e, e + 30);
      if (/\p{Lu}{2,}[\s,.-]*$/u.test(before) || /^[\s,.-]*\p{Lu}{2,}/u.test(after)) continue;
      const prev = (WORD_BEFORE.exec(before)?.[1] ?? '').toLowerCase();
      const next = (WORD_AFTER.exec(after)?.[1] ?? '').toLowerCase();
      // "KD's flat", "KD's mother": a possessive before a family or home word.
      const possessive =
        /^['’]s\s+(?:\p{Ll}+\s+)?(?:mother|father|mum|dad|partner|flat|house|home|car|friend|sister|brother|son|daughter|children|child|baby|phone|address|family|room|bedroom)\b/u.test(
          after,
        );
      // "KD, a family friend, …": a person word in apposition after.
      const apposition =
        /^,\s+(?:a|an|the|her|his|their|my|our)\s+(?:[\p{Ll}-]+\s+)?(?:friend|neighbour|partner|boyfriend|girlfriend|relative|cousin|uncle|aunt|lodger|man|woman|boy|girl|worker|officer|nurse|teacher|carer)\b/u.test(
          after,
        );
      if (
        PERSON_BEFORE.has(prev) ||
        HONORIFICS.has(prev) ||
        PERSON_AFTER.has(next) ||
        possessive ||
        apposition
      )
        push(s, e, letters, 0.8);
    }
  return out;
}
