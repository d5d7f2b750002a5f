import { NICKNAME_LIST } from './nickname-list.ts';
import { withinOneEdit } from './similarity.ts';

/** Group numbers by name, built once from the shipped list. */
const GROUPS: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  NICKNAME_LIST.split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .forEach((line, group) => {
      for (const name of line.split(/\s+/)) {
        const list = map.get(name) ?? [];
        if (!list.includes(group)) list.push(group);
        map.set(name, list);
      }
    });
  return map;
})();

/**
 * The nickname groups a normalised given name belongs to (empty when it is in none). Only the
 * first word of a multi-word given name is looked up.
 * @example nicknameGroups('bill').length > 0 // true
 */
export function nicknameGroups(name: string): readonly number[] {
  const first = name.split(/[\s-]/)[0] ?? name;
  return GROUPS.get(first) ?? [];
}

/** Names of the shipped list by length, for {@link nicknameGroupsNear}. */
const BY_LENGTH: readonly string[][] = (() => {
  const out: string[][] = [];
  for (const name of GROUPS.keys()) (out[name.length] ??= []).push(name);
  return out;
})();

/**
 * The nickname groups of a given name, allowing for one keying slip: a name the shipped list does
 * not know (and at least four letters long) takes the groups of every listed name of three or more
 * letters one edit (Damerau–Levenshtein) away from it, so a mistyped "Olivver" still meets "Olly".
 * @example nicknameGroupsNear('olivver') // the groups of 'oliver'
 */
export function nicknameGroupsNear(name: string): readonly number[] {
  const exact = nicknameGroups(name);
  if (exact.length > 0) return exact;
  const first = name.split(/[\s-]/)[0] ?? name;
  if (first.length < 4) return exact;
  const out: number[] = [];
  for (let len = first.length - 1; len <= first.length + 1; len++) {
    if (len < 3) continue;
    for (const other of BY_LENGTH[len] ?? []) {
      if (!withinOneEdit(first, other)) continue;
      for (const g of GROUPS.get(other)!) if (!out.includes(g)) out.push(g);
    }
  }
  return out.length > 0 ? out : exact;
}

/** True when two sorted-or-not small group lists share a group. */
export function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) for (const y of b) if (x === y) return true;
  return false;
}

/**
 * True when two different normalised given names are known forms of one another
 * (Bill/William, Kate/Catherine, Liz/Elizabeth…), from the UK/English list shipped with the package.
 * @example isNickname('kate', 'catherine') // true
 */
export function isNickname(a: string, b: string): boolean {
  return a !== b && shareGroup(nicknameGroups(a), nicknameGroups(b));
}
