import { NICKNAME_LIST } from './nickname-list.ts';

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
