/** Full postal addresses ("Flat 2, 14 Elm Road, Leeds LS6 2AB") and street names ("Elm Road"). */
import { normalisePostcode } from '@waypoint/identifiers';
import { getLexicon } from '../lexicon.ts';
import type { Detection } from '../types.ts';
import { PLACE_PREFIX, PLACE_SUFFIX, STREET_SUFFIXES } from './name-rules.ts';

export { STREET_SUFFIXES } from './name-rules.ts';
const CAP = "[A-Z][\\p{L}'’]*(?:-[A-Z]?[\\p{L}'’]+)*";
const FLAT =
  '(?:(?:Flat|Apartment|Apt|Unit|Room)\\s+\\d+[A-Za-z]?,?\\s+(?:' + CAP + '(?:\\s+' + CAP + ')*,?\\s+)?)?';
const STREET = `(?:${CAP}\\s+){1,3}(?:${STREET_SUFFIXES})\\b`;
// A house number is not part of a date ("2.11.24") and is not a year ("In 2019 Gabriella Green…").
const NUMBERED = new RegExp(
  `${FLAT}(?<![\\d./-])\\b(?!(?:19|20)\\d\\d\\b)\\d{1,4}[A-Za-z]?(?:-\\d{1,4})?\\s+${STREET}`,
  'gu',
);
const UNNUMBERED = new RegExp(`\\b${STREET}`, 'gu');
const SITE_HEADS =
  'Industrial Estate|Trading Estate|Business Park|Caravan Park|Retail Park|Holiday Park|Farm|Site|Works|Depot|Buildings|House|Court|Lodge|Towers|Centre|Mill|Yard';
/**
 * An address without a house number: a plot, unit, pitch or flat, with the site it is on.
 * "Plot 14", "Unit 3B, Kingsway Trading Estate", "Pitch 7 at Meadow Lane caravan site".
 */
const SITE = new RegExp(
  `\\b(?:Plot|Unit|Pitch|Site|Bay|Block|Berth|Caravan|Flat|Apartment|Apt|Chalet|Static)\\s+(?:No\\.?\\s*)?(?:\\d{1,4}[A-Za-z]?|[A-Z])\\b(?:,?\\s+(?:(?:at|on)\\s+)?(?:${CAP}\\s+){1,3}(?:${SITE_HEADS}|${STREET_SUFFIXES}|caravan\\s+(?:site|park)|travellers['’]?\\s+site|site)\\b)?`,
  'gu',
);
/** Quick tests that a match of each needs (so short documents without them are not scanned). */
const HAS_STREET = new RegExp(`(?:${STREET_SUFFIXES})\\b`, 'u');
const HAS_SITE = /\b(?:Plot|Unit|Pitch|Site|Bay|Block|Berth|Caravan|Flat|Apartment|Apt|Chalet|Static)\s/;
const FACILITY_AFTER =
  /^\s+(?:Surgery|Medical|Health|Primary|Junior|Infant|School|Academy|College|Nursery|Practice|Clinic|Hospital|Church|Chapel|Mosque|Masjid|Centre|Community|Youth|Family|Children's|Pharmacy|Library|Police)\b/;
/** Sentence words that the street pattern may pick up before the street's own name. */
const LEAD =
  /^(?:(?:The|A|An|On|In|At|To|From|Near|Off|Via|Along|Into|Onto|Of|By|And|Or|But|For|With|When|While|This|That|Every|Each|Our|Their|His|Her|No|One|Visited|Left|Lived|Moved|Went|Outside|Behind|Opposite|Between)\s+)+/;
/** A town word has lower-case letters, so a postcode's "LS" is never one. */
const TOWN_WORD = "[A-Z][\\p{Ll}'’]+(?:-[A-Za-z][\\p{Ll}'’]+)*";
const TOWN = new RegExp(`^,?\\s+(${TOWN_WORD}(?:[\\s-]+(?:upon|on|under|le|in|super|${TOWN_WORD}))*)`, 'u');
const POSTCODE = /^,?\s+([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/;

/** Extends an address end over ", Town" parts and a postcode. */
function extend(text: string, end: number): number {
  const lx = getLexicon();
  let at = end;
  for (let n = 0; n < 3; n++) {
    const rest = text.slice(at, at + 80);
    const pc = POSTCODE.exec(rest);
    if (pc && normalisePostcode(pc[1]!) !== null) return at + pc[0].length;
    const town = TOWN.exec(rest);
    if (!town) break;
    const words = town[1]!.toLowerCase().split(/[\s-]+/);
    const after = text.slice(at + town[0].length, at + town[0].length + 12);
    const isPlace = lx.places.has(words[0]!) || lx.placePhrases.has(words.join(' '));
    // A town the gazetteer lacks still counts when it looks like one and ends the address.
    const looksLike =
      (PLACE_SUFFIX.test(words[words.length - 1]!) && /^(?:[.,;:)]|\s*\n|$)/.test(after)) ||
      (words.length === 2 && PLACE_PREFIX.has(words[0]!));
    if (!isPlace && !looksLike && !POSTCODE.test(after)) break;
    at += town[0].length;
  }
  return at;
}

/**
 * Finds numbered addresses (with optional flat, town and postcode) and bare street names.
 * @example
 * detectAddresses('She moved to 14 Elm Road, Leeds LS6 2AB.')[0]?.type; // 'ADDRESS'
 */
export function detectAddresses(text: string, offset = 0): Detection[] {
  const out: Detection[] = [];
  const covered: [number, number][] = [];
  const hasStreet = HAS_STREET.test(text);
  const hasSite = HAS_SITE.test(text);
  if (!hasStreet && !hasSite) return out;
  if (hasStreet && /\d/.test(text))
    for (const m of text.matchAll(NUMBERED)) {
      const end = extend(text, m.index + m[0].length);
      covered.push([m.index, end]);
      out.push({
        start: offset + m.index,
        end: offset + end,
        type: 'ADDRESS',
        detector: 'pattern:address',
        confidence: 0.95,
        kind: 'address',
      });
    }
  // Starts inside a numbered address: a mask, so each check is one look-up (linear in the text).
  const inNumbered = new Uint8Array(covered.length ? text.length : 0);
  for (const [a, b] of covered) inNumbered.fill(1, a, b);
  if (hasSite)
    for (const m of text.matchAll(SITE)) {
      const end = extend(text, m.index + m[0].length);
      // Inside a numbered address already ("Flat 2, 14 Elm Road"): that span has it.
      if (inNumbered[m.index]) continue;
      out.push({
        start: offset + m.index,
        end: offset + end,
        type: 'ADDRESS',
        detector: 'pattern:site',
        confidence: /\s/.test(m[0].slice(m[0].search(/\d|\b[A-Z]$/))) ? 0.9 : 0.8,
        kind: 'address',
      });
    }
  if (hasStreet)
    for (const m of text.matchAll(UNNUMBERED)) {
      const lead = LEAD.exec(m[0])?.[0].length ?? 0;
      const s = m.index + lead;
      const e = m.index + m[0].length;
      if (inNumbered[s]) continue;
      // "Lowton Road Surgery", "Park Lane Primary School": the street names a facility.
      if (FACILITY_AFTER.test(text.slice(e, e + 24))) continue;
      // At least one word must be left before the suffix ("the Road" alone is not a street).
      if (!/\s/.test(m[0].slice(lead).trim())) continue;
      out.push({
        start: offset + s,
        end: offset + e,
        type: 'PLACE',
        detector: 'pattern:street',
        confidence: 0.85,
        kind: 'street',
      });
    }
  return out;
}
