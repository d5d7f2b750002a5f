/**
 * Ranking people found by name: the trigram similarity of the whole name, plus how well the given
 * and family names agree (exact, a known nickname or short form from @waypoint/linkage's list,
 * or sounding alike). So "Bill Smith" puts William Smith above Jane Smith.
 */
import { isNickname, normaliseName } from '@waypoint/linkage';

export interface NameHit {
  given: string;
  family: string;
  /** similarity(full name, query) from pg_trgm, 0–1. */
  similarity: number;
  givenSounds: boolean;
  familySounds: boolean;
}

/** Splits "Bill Smith" into given "bill" and family "smith" (one word: family only). */
export function nameParts(query: string): { given: string | null; family: string } {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const family = words.at(-1) ?? '';
  return { given: words.length > 1 ? words[0]! : null, family };
}

/** A higher score ranks first. @example rankName('Bill Smith', hit) */
export function rankName(query: string, hit: NameHit): number {
  const q = nameParts(query);
  const norm = (v: string) => normaliseName(v) ?? '';
  const given = norm(hit.given);
  const family = norm(hit.family);
  const qFamily = norm(q.family);
  let score = hit.similarity;
  if (q.given !== null) {
    const qGiven = norm(q.given);
    if (given === qGiven) score += 1;
    else if (isNickname(given, qGiven)) score += 0.8;
    else if (hit.givenSounds) score += 0.4;
  } else if (given === qFamily) score += 0.5;
  if (family === qFamily) score += 1;
  else if (hit.familySounds) score += 0.5;
  return score;
}
