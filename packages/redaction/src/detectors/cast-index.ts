/** Turns a cast into the name variants the cast detector looks for. */
import type { Cast, CastPerson, PlaceKind } from '../cast.ts';
import { tokenize } from '../tokens.ts';
import type { SpanType } from '../types.ts';

export interface Variant {
  /** Lower-case word tokens, as the tokenizer splits them. */
  tokens: string[];
  castId: string;
  type: SpanType;
  kind: 'full' | 'first' | 'last' | 'middle' | 'nick' | 'initials' | 'place';
  placeKind?: PlaceKind;
  confidence: number;
  /** The name itself ends in "'s" ("St Thomas's"), which the tokenizer leaves out. */
  endsInS?: boolean;
  /** `tokens` joined by spaces, set by the index. */
  key?: string;
}

export interface CastIndex {
  /** Variants by their first token. Longest first. */
  byFirst: Map<string, Variant[]>;
  /** Single-token person names of four letters or more, for misspelling search. */
  singles: Map<string, Variant[]>;
  /** Deleting one letter from a single name → the names it came from. */
  deletes: Map<string, string[]>;
  /** Initials ("JS", "JLS") → person ids. */
  initials: Map<string, string[]>;
  /** Sex implied by role or title, for "Mr"/"Mrs" before a shared surname. */
  sex: Map<string, 'F' | 'M'>;
  roleOf: Map<string, CastPerson['role']>;
}

/** The lower-case words of a name, split exactly as the text's tokenizer splits them. */
export const words = (s: string): string[] => tokenize(s).map((t) => t.lower);

/** Generic words that end place names: "Oakfield Primary School" is also "Oakfield Primary" and "Oakfield". */
const GENERIC_TAIL =
  /^(?:c|e|of|school|academy|primary|junior|infant|infants|secondary|high|college|nursery|pre-school|surgery|practice|medical|health|centre|center|hospital|infirmary|clinic|general|university|trust|group|community|children's|childrens|family|ce|rc|church|england|catholic|free)$/;

const FEMALE = new Set(['mother', 'stepmother', 'maternal-grandmother', 'paternal-grandmother', 'aunt']);
const MALE = new Set(['father', 'stepfather', 'maternal-grandfather', 'paternal-grandfather', 'uncle']);

/**
 * Builds the variant index for a cast.
 * @example
 * buildCastIndex({ people: [{ id: 'c', role: 'child', names: ['Jayden Smith'] }] }).byFirst.get('jayden');
 */
export function buildCastIndex(cast: Cast): CastIndex {
  // Built once per cast object: many short documents of one case share it.
  let idx = indexMemo.get(cast);
  if (!idx) indexMemo.set(cast, (idx = build(cast)));
  return idx;
}

const indexMemo = new WeakMap<Cast, CastIndex>();

function build(cast: Cast): CastIndex {
  const byFirst = new Map<string, Variant[]>();
  const singles = new Map<string, Variant[]>();
  const initials = new Map<string, string[]>();
  const sex = new Map<string, 'F' | 'M'>();
  const roleOf = new Map<string, CastPerson['role']>();
  const seen = new Map<string, Variant>();
  const add = (v: Variant): void => {
    if (v.tokens.length === 0) return;
    v.key = v.tokens.join(' ');
    const id = `${v.castId}\u0000${v.key}`;
    const same = seen.get(id);
    if (same) {
      if (v.endsInS) same.endsInS = true;
      return;
    }
    seen.set(id, v);
    const key = v.tokens[0]!;
    byFirst.set(key, [...(byFirst.get(key) ?? []), v]);
    if (v.tokens.length === 1 && key.length >= 4 && v.type === 'PERSON')
      singles.set(key, [...(singles.get(key) ?? []), v]);
  };
  for (const p of cast.people) {
    roleOf.set(p.id, p.role);
    const t = p.title?.toLowerCase().replace('.', '');
    if (FEMALE.has(p.role) || t === 'mrs' || t === 'ms' || t === 'miss') sex.set(p.id, 'F');
    if (MALE.has(p.role) || t === 'mr') sex.set(p.id, 'M');
    // Every variant is built by `person()` so all have one shape (spreads made them slow to build).
    const person = (tokens: string[], kind: Variant['kind'], confidence: number): Variant => ({
      tokens,
      castId: p.id,
      type: 'PERSON',
      kind,
      confidence,
    });
    for (const name of [...p.names, ...(p.aliases ?? [])]) {
      const w = words(name);
      add(person(w, 'full', 1));
      if (w.length >= 2) {
        const first = w[0]!;
        const last = w[w.length - 1]!;
        add(person([first], 'first', 1));
        add(person([first, last], 'full', 1));
        add(person([last], 'last', 0.95));
        for (let k = 1; k < w.length - 1; k++) add(person([w[k]!], 'middle', 0.9));
        // Hyphenated surnames: each part alone too.
        const surname = name.trim().split(/\s+/).pop() ?? '';
        if (surname.includes('-')) for (const part of words(surname)) add(person([part], 'last', 0.9));
        let all = '';
        for (const x of w) all += x.charAt(0);
        for (const ini of [all.toUpperCase(), `${first[0]}${last[0]}`.toUpperCase()]) {
          const owners = initials.get(ini) ?? [];
          if (!owners.includes(p.id)) initials.set(ini, [...owners, p.id]);
        }
      }
    }
    for (const nick of p.nicknames ?? []) add(person(words(nick), 'nick', 0.95));
  }
  for (const pl of cast.places ?? []) {
    const type: SpanType =
      pl.kind === 'address'
        ? 'ADDRESS'
        : pl.kind === 'street' || pl.kind === 'town' || pl.kind === 'other'
          ? 'PLACE'
          : 'ORGANISATION';
    const base = { castId: pl.id, type, kind: 'place' as const, placeKind: pl.kind };
    for (const name of pl.names) {
      const w = words(name);
      const endsInS = /['’]s$/i.test(name.trim());
      if (pl.kind === 'address') {
        // Numbered addresses are found by the address pattern; the cast adds the street name alone
        // ("Elm Road"), and the pattern's span inherits this entity when it contains it.
        const lw = words(
          (
            name
              .split(',')
              .find((part) => /\p{L}/u.test(part.replace(/^\s*(flat|apartment|unit)\s+\w+/i, ''))) ?? ''
          ).replace(/^\s*(flat|apartment|unit)\s+\w+/i, ''),
        );
        if (lw.length >= 2) add({ ...base, tokens: lw, confidence: 0.95 });
      } else {
        add({ ...base, tokens: w, confidence: 1, ...(endsInS ? { endsInS } : {}) });
        const trimmed = [...w];
        while (trimmed.length > 1 && GENERIC_TAIL.test(trimmed[trimmed.length - 1]!)) {
          trimmed.pop();
          add({ ...base, tokens: [...trimmed], confidence: trimmed.length === 1 ? 0.9 : 0.95 });
        }
      }
    }
  }
  for (const list of byFirst.values())
    list.sort((a, b) => b.tokens.length - a.tokens.length || b.confidence - a.confidence);
  const deletes = new Map<string, string[]>();
  for (const s of singles.keys()) {
    for (let i = 0; i < s.length; i++) {
      const d = s.slice(0, i) + s.slice(i + 1);
      deletes.set(d, [...(deletes.get(d) ?? []), s]);
    }
  }
  return { byFirst, singles, deletes, initials, sex, roleOf };
}
