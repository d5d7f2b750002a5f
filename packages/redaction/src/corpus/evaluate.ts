/** Scores detected spans against gold spans: recall by gold type, precision by detected type. */
import { getLexicon } from '../lexicon.ts';
import type { Span, SpanType } from '../types.ts';
import type { Cast } from '../cast.ts';
import type { GoldSpan } from './builder.ts';

export interface Tally {
  found: number;
  total: number;
}
export interface Scores {
  /** Gold spans fully covered by detected spans (whitespace, hyphens and punctuation aside). */
  recall: Map<string, Tally>;
  /** Detected spans that overlap a gold span. */
  precision: Map<string, Tally>;
  misses: GoldSpan[];
  falsePositives: Span[];
}

export const IDENTIFIER_TYPES: readonly SpanType[] = [
  'NHS_NUMBER',
  'PHONE',
  'EMAIL',
  'ID',
  'POSTCODE',
  'ADDRESS',
];

/** Recall groups: PERSON splits into cast and non-cast, and non-cast into in and out of the gazetteers. */
export function recallGroups(g: GoldSpan): string[] {
  const groups: string[] = [g.type];
  if (g.type === 'PERSON') {
    groups.push(g.isCast ? 'PERSON (cast)' : 'PERSON (not in cast)');
    if (!g.isCast) {
      const lx = getLexicon();
      const known = g.text
        .split(/[\s-]+/)
        .some((w) => lx.given.has(w.toLowerCase()) || lx.surnames.has(w.toLowerCase()));
      groups.push(
        known ? 'PERSON (not in cast, a gazetteer name)' : 'PERSON (not in cast, no gazetteer name)',
      );
    }
  }
  if (IDENTIFIER_TYPES.includes(g.type)) groups.push('identifiers (all)');
  return groups;
}

const add = (m: Map<string, Tally>, k: string, hit: boolean): void => {
  const t = m.get(k) ?? { found: 0, total: 0 };
  t.total++;
  if (hit) t.found++;
  m.set(k, t);
};

/**
 * Scores one document.
 * @example
 * const s = score(text, gold, detect(text, { cast }).spans);
 */
export function score(
  text: string,
  gold: readonly GoldSpan[],
  spans: readonly Span[],
  into?: Scores,
  /** Which detections count for precision (all when absent). */
  precisionOf?: (s: Span) => boolean,
): Scores {
  const out: Scores = into ?? { recall: new Map(), precision: new Map(), misses: [], falsePositives: [] };
  const covered = new Uint8Array(text.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  for (const g of gold) {
    let hit = true;
    for (let i = g.start; i < g.end; i++) {
      if (!covered[i] && /[\p{L}\p{N}]/u.test(text[i]!)) {
        hit = false;
        break;
      }
    }
    for (const k of recallGroups(g)) add(out.recall, k, hit);
    if (!hit) out.misses.push(g);
  }
  const goldMask = new Uint8Array(text.length);
  for (const g of gold) goldMask.fill(1, g.start, g.end);
  for (const s of spans) {
    if (precisionOf && !precisionOf(s)) continue;
    let hit = false;
    for (let i = s.start; i < s.end && !hit; i++) if (goldMask[i]) hit = true;
    add(out.precision, s.type, hit);
    add(out.precision, 'all', hit);
    if (!hit) out.falsePositives.push(s);
  }
  return out;
}

/** How consistently the mentions of each gold entity were pseudonymised. */
export interface Consistency {
  /** Gold entities (people, places, organisations, addresses) with two or more mentions found. */
  entities: number;
  /** Of those, the ones whose found mentions all carry one pseudonym entity. */
  consistent: number;
  /**
   * Entities whose mentions the text itself links: in the cast, or one mention holds the words
   * of every other form ("Mrs Mitchell" and "Menka" are linkable only if "Menka Mitchell" occurs).
   */
  linkable: number;
  /** Of those, the consistent ones. */
  linkableConsistent: number;
  /** Pseudonym entities that cover mentions of two or more gold entities (two people made one). */
  merged: number;
  /** Gold entities with more than one pseudonym: their texts and the pseudonyms they got. */
  split: { entity: string; forms: string[]; replacements: string[]; ids: string[] }[];
}

const CONSISTENCY_TYPES = new Set<SpanType>(['PERSON', 'PLACE', 'ORGANISATION', 'ADDRESS']);

/**
 * Checks that every mention form of one person or place got the same pseudonym: for each gold
 * entity, the entities of the detected spans over its mentions. `doc` scopes entity keys.
 * @example
 * const c = consistency('doc1', gold, detect(text, { cast }).spans);
 */
export function consistency(
  doc: string,
  gold: readonly GoldSpan[],
  spans: readonly Span[],
  into?: Consistency,
  /** Mentions the text leaves ambiguous (a surname two cast people share, written alone): not counted. */
  ambiguous: (g: GoldSpan) => boolean = () => false,
): Consistency {
  const out: Consistency = into ?? {
    entities: 0,
    consistent: 0,
    linkable: 0,
    linkableConsistent: 0,
    merged: 0,
    split: [],
  };
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const byGold = new Map<
    string,
    { ids: Set<string>; forms: Set<string>; reps: Set<string>; found: number; cast: boolean }
  >();
  const goldOf = new Map<string, Set<string>>();
  let k = 0;
  for (const g of [...gold].sort((a, b) => a.start - b.start)) {
    if (!CONSISTENCY_TYPES.has(g.type) || ambiguous(g)) continue;
    while (k < sorted.length && sorted[k]!.end <= g.start) k++;
    const key = `${doc}:${g.type === 'PERSON' ? 'P' : 'L'}:${g.entity}`;
    const e = byGold.get(key) ?? {
      ids: new Set(),
      forms: new Set(),
      reps: new Set(),
      found: 0,
      cast: g.isCast,
    };
    // The mention's pseudonym is that of the span covering most of it ("Flat 2, 14 Elm Road,
    // Leeds" is Address 1 even if "Leeds" got a span of its own).
    let best: Span | undefined;
    let most = 0;
    for (let j = k; j < sorted.length && sorted[j]!.start < g.end; j++) {
      const s = sorted[j]!;
      if (!CONSISTENCY_TYPES.has(s.type)) continue;
      const n = Math.min(s.end, g.end) - Math.max(s.start, g.start);
      if (n > most) {
        most = n;
        best = s;
      }
    }
    const hit = best !== undefined;
    if (best) {
      e.ids.add(best.entity);
      e.reps.add(best.replacement);
      const gs = goldOf.get(best.entity) ?? new Set();
      goldOf.set(best.entity, gs.add(key));
    }
    if (hit) {
      e.found++;
      e.forms.add(g.text);
    }
    byGold.set(key, e);
  }
  for (const [key, e] of byGold) {
    if (e.found < 2) continue;
    out.entities++;
    const one = e.ids.size === 1;
    if (one) out.consistent++;
    else out.split.push({ entity: key, forms: [...e.forms], replacements: [...e.reps], ids: [...e.ids] });
    if (e.cast || linked([...e.forms])) {
      out.linkable++;
      if (one) out.linkableConsistent++;
    }
  }
  for (const gs of goldOf.values()) if (gs.size > 1) out.merged++;
  return out;
}

/** One form holds the words of every other ("Denise Harcourt" holds "Harcourt" and "Denise"). */
function linked(forms: string[]): boolean {
  const words = (f: string): string[] =>
    f
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  return forms.some((f) => {
    const have = new Set(words(f));
    return forms.every((o) => words(o).every((w) => have.has(w)));
  });
}

/**
 * Scores only detections of the given types for precision (the GUM corpus marks names, not dates
 * or numbers, so a date found there is neither right nor wrong).
 * @example
 * score(text, gold, spans.filter(onlyTypes(['PERSON', 'PLACE', 'ORGANISATION'])));
 */
export const onlyTypes =
  (types: readonly SpanType[]) =>
  (s: Span): boolean =>
    types.includes(s.type);

/**
 * A mention that is a surname two or more cast people share, alone ("Smith had limited contact"):
 * the text does not say whose it is.
 * @example
 * consistency(doc, gold, spans, undefined, sharedSurname(cast));
 */
export function sharedSurname(cast: Cast): (g: GoldSpan) => boolean {
  const count = new Map<string, number>();
  for (const p of cast.people) {
    const lasts = new Set(
      [...p.names, ...(p.aliases ?? [])].map((n) => n.trim().split(/\s+/).pop()!.toLowerCase()),
    );
    for (const l of lasts) count.set(l, (count.get(l) ?? 0) + 1);
  }
  return (g) => g.isCast && (count.get(g.text.replace(/-\s+/g, '').toLowerCase()) ?? 0) > 1;
}
