/** Assigns every detection to an entity and a consistent pseudonym, and shapes it to its context. */
import type { Cast } from './cast.ts';
import { generaliseAge, generaliseDate, type Anchor } from './generalise.ts';
import { castLabels, Counter, placeholder, uncastPersonLabel, uncastPlaceLabel } from './labels.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { STREET_SUFFIXES } from './detectors/name-rules.ts';
import { HONORIFICS } from './detectors/honorifics.ts';
import { opensSentence } from './tokens.ts';
import type { Detection, Entity, Span } from './types.ts';

export interface PseudonymiseOptions {
  cast?: Cast;
  policy?: Policy;
}

/**
 * Groups detections into entities and gives each span its replacement text.
 * Cast people and places keep their cast pseudonym; people outside the cast are linked by name
 * (a lone surname or first name joins the one full name that has it); identifiers by value.
 * @example
 * const { spans } = pseudonymise(text, resolveOverlaps(detections, text), { cast, policy });
 */
export function pseudonymise(
  text: string,
  dets: Detection[],
  opts: PseudonymiseOptions = {},
): { spans: Span[]; entities: Entity[] } {
  const cast = opts.cast ?? { people: [] };
  const policy = opts.policy ?? DEFAULT_POLICY;
  const counter = new Counter();
  const labels = castLabels(cast, counter);
  const entities = new Map<string, Entity>();
  let nextId = 1;
  const entityFor = (key: string, make: () => Omit<Entity, 'id'>): Entity => {
    let e = entities.get(key);
    if (!e) {
      e = { id: `e${nextId++}`, ...make() };
      entities.set(key, e);
    }
    return e;
  };
  // Cast entities first, in cast order, so ids are stable for decisions files.
  const appears = new Set(dets.map((d) => d.castId).filter(Boolean));
  for (const p of [...cast.people, ...(cast.places ?? [])]) {
    if (!appears.has(p.id)) continue;
    const isPerson = cast.people.some((x) => x.id === p.id);
    entityFor(`cast:${p.id}`, () => ({
      type: isPerson ? 'PERSON' : 'PLACE',
      replacement: labels.get(p.id)!,
      castId: p.id,
      label: p.names[0] ?? p.id,
    }));
  }
  const anchor = anchorOf(cast, policy, labels);
  retypePeopleAsPlaces(dets);
  const personKeys = linkPersonKeys(dets);
  const spans: Span[] = [];
  for (const d of dets) {
    const surface = text.slice(d.start, d.end);
    let e: Entity;
    let base: string;
    if (d.castId && entities.has(`cast:${d.castId}`)) {
      e = entities.get(`cast:${d.castId}`)!;
      if (e.type === 'PLACE' && d.type !== 'PLACE') e.type = d.type;
      base = e.replacement;
    } else if (d.type === 'DATE' || d.type === 'AGE') {
      const norm = surface.toLowerCase().replace(/\s+/g, ' ');
      e = entityFor(`${d.type}:${norm}`, () => ({ type: d.type, replacement: '', label: surface }));
      base =
        d.type === 'DATE'
          ? generaliseDate(surface, policy.dates, anchor)
          : generaliseAge(surface, policy.ages);
    } else if (d.type === 'PERSON') {
      const key = personKeys.get(d) ?? surface.toLowerCase();
      e = entityFor(`person:${key}`, () => ({
        type: 'PERSON',
        replacement: counter.take(uncastPersonLabel(text, d)),
        label: surface,
      }));
      base = e.replacement;
    } else if (d.type === 'PLACE' || d.type === 'ORGANISATION' || d.type === 'ADDRESS') {
      const key = placeKey(d.type, d.key ?? surface);
      e = entityFor(`${d.type}:${key}`, () => ({
        type: d.type,
        replacement: counter.take(uncastPlaceLabel(d)),
        label: surface,
      }));
      base = e.replacement;
    } else {
      const key = d.key ?? identifierKey(d.type, surface);
      e = entityFor(`${d.type}:${key}`, () => ({
        type: d.type,
        replacement: placeholder(d.type, d.kind, policy.placeholders),
        label: surface,
      }));
      base = e.replacement;
    }
    spans.push(
      shape(text, {
        start: d.start,
        end: d.end,
        type: d.type,
        text: surface,
        entity: e.id,
        replacement: base,
        detector: d.detector,
        confidence: round(d.confidence),
      }),
    );
  }
  return { spans, entities: [...entities.values()] };
}

/** "Flat 3, 57 Chestnut Gardens" and "Flat 3, 57 Chestnut Gardens, Thorndon LS2 4AB": one address. */
const ADDRESS_HEAD = new RegExp(`^.*?\\b(?:${STREET_SUFFIXES})\\b`, 'iu');

function placeKey(type: Detection['type'], raw: string): string {
  const head = type === 'ADDRESS' ? (ADDRESS_HEAD.exec(raw)?.[0] ?? raw) : raw;
  return head
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, ' ')
    .trim();
}

/**
 * One key per identifier however it is written: a phone by its national digits ("+44 7700 900123"
 * is "07700900123"), anything else by its letters and digits ("QRS 7012345" is "qrs7012345").
 */
function identifierKey(type: Detection['type'], surface: string): string {
  if (type === 'PHONE' || type === 'NHS_NUMBER')
    return surface.replace(/^(?:\+|00)44\s*(?:\(0\)\s*)?/, '0').replace(/\D/g, '');
  if (type === 'EMAIL') return surface.toLowerCase();
  return surface.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Fits a replacement to where it stands: upper case for an all-capitals original, a capital at the
 * start of a sentence, and "James'" → "Child A's" (the apostrophe joins the span).
 */
export function shape(text: string, span: Span): Span {
  let { replacement, end } = span;
  const original = text.slice(span.start, end);
  const apostrophe = text[end];
  if (
    (apostrophe === "'" || apostrophe === '’') &&
    /s$/i.test(original) &&
    !/\p{L}/u.test(text[end + 1] ?? '') &&
    !/s$/i.test(replacement) &&
    span.type === 'PERSON'
  ) {
    end += 1;
    replacement += `${apostrophe}s`;
  }
  const isName =
    span.type === 'PERSON' ||
    span.type === 'PLACE' ||
    span.type === 'ORGANISATION' ||
    span.type === 'ADDRESS';
  if (
    isName &&
    /\p{L}.*\p{L}/u.test(original) &&
    !/^(?:\p{Lu}\.\s?)+$/u.test(original) &&
    original === original.toUpperCase() &&
    original !== original.toLowerCase() &&
    original.length > 3
  )
    replacement = replacement.toUpperCase();
  else if (opensSentence(text, span.start))
    replacement = replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return { ...span, end, text: text.slice(span.start, end), replacement };
}

function anchorOf(cast: Cast, policy: Policy, labels: Map<string, string>): Anchor | undefined {
  const child = cast.people.find((p) =>
    policy.anchorChild ? p.id === policy.anchorChild : p.role === 'child',
  );
  const m = child?.dob ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(child.dob) : null;
  if (!child || !m) return undefined;
  return {
    label: labels.get(child.id)!,
    dob: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
  };
}

/**
 * A guessed place or organisation of one word that the document also names as a person
 * ("Imtiaz" found once as a town beside "Imtiaz said") is that person: one entity, one pseudonym.
 */
function retypePeopleAsPlaces(dets: Detection[]): void {
  const words = new Set<string>();
  for (const d of dets)
    if (d.type === 'PERSON' && !d.castId && d.key && d.confidence >= 0.8)
      for (const w of nameWords(d.key)) words.add(w);
  for (const d of dets) {
    if ((d.type !== 'PLACE' && d.type !== 'ORGANISATION') || d.castId || !d.key) continue;
    if (!/^(?:model:|names:(?:propagated|context|capitals|gazetteer))/.test(d.detector)) continue;
    if (!d.key.includes(' ') && words.has(d.key)) {
      d.type = 'PERSON';
      delete d.kind;
    }
  }
}

/** The words of a person key without titles ("mrs okafor" → ["okafor"]) and hyphenated parts kept. */
function nameWords(key: string): string[] {
  const words = key.split(/[\s.]+/).filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && HONORIFICS.has(words[i]!)) i++;
  return words.slice(i);
}

/** One owner, or none when several full names share the word. */
class Owners {
  private readonly m = new Map<string, string | null>();
  add(k: string, owner: string): void {
    const o = this.m.get(k);
    if (o === undefined) this.m.set(k, owner);
    else if (o !== owner) this.m.set(k, null);
  }
  get(k: string): string | null | undefined {
    return this.m.get(k);
  }
}

/**
 * Links mentions of people outside the cast, in linear time: titles aside, a single word ("Okafor",
 * "Mrs Okafor", "Sandra") joins the one longer name containing it, initials ("S.O.", "SO") the one
 * name with those initials, and "Sandra Jane Okafor" joins "Sandra Okafor".
 */
function linkPersonKeys(dets: Detection[]): Map<Detection, string> {
  const out = new Map<Detection, string>();
  const byWord = new Owners();
  const byInitials = new Owners();
  const full = new Map<Detection, string[]>();
  for (const d of dets) {
    if (d.type !== 'PERSON' || d.castId || !d.key) continue;
    const words = nameWords(d.key);
    full.set(d, words);
    if (words.length < 2) continue;
    const short = `${words[0]} ${words[words.length - 1]}`;
    for (const w of words) byWord.add(w, short);
    byInitials.add(words.map((w) => w[0]).join(''), short);
  }
  for (const [d, words] of full) {
    if (words.length >= 2) {
      out.set(d, `${words[0]} ${words[words.length - 1]}`);
      continue;
    }
    const w = words[0] ?? d.key!;
    const owner = byWord.get(w);
    if (owner) {
      out.set(d, owner);
      continue;
    }
    // Initials: "t b" (from "T.B."), "kd".
    const letters = /^[a-z]{2,3}$/.test(w) && d.detector.includes('initials') ? w : undefined;
    const byInit = letters ? byInitials.get(letters) : undefined;
    out.set(d, byInit ?? w);
  }
  return out;
}
