/**
 * The public development corpus (GUM names, `shared/dev-data/redaction/`): where it is, how it is
 * read, and its fixed split by document into a training part and a held-back part.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Cast } from '../cast.ts';
import type { GoldSpan } from './builder.ts';

export interface DevDoc {
  doc: string;
  genre: string;
  text: string;
  gold: GoldSpan[];
  cast: Cast;
}

export type DevPart = 'train' | 'heldback';

/**
 * The folder of the GUM development data: `$WAYPOINT_SHARED/dev-data/redaction`, or `shared/` beside
 * the repository (or beside the folder of worktrees); undefined when absent.
 */
export function devDataDir(): string | undefined {
  const env = process.env.WAYPOINT_SHARED;
  const candidates = [
    ...(env ? [`${env}/dev-data/redaction`] : []),
    fileURLToPath(new URL('../../../../../shared/dev-data/redaction', import.meta.url)),
    fileURLToPath(new URL('../../../../../../shared/dev-data/redaction', import.meta.url)),
  ];
  return candidates.find((d) => existsSync(`${d}/gum-names.project.jsonl`));
}

/**
 * Part of a document in the split: within each genre, documents are ordered by the SHA-256 of their
 * id and every third (positions 2, 5, 8, …) is held back. Deterministic; no tuning looks at it.
 */
export function splitDocs(docs: readonly { doc: string; genre: string }[]): Map<string, DevPart> {
  const byGenre = new Map<string, string[]>();
  for (const d of docs) byGenre.set(d.genre, [...(byGenre.get(d.genre) ?? []), d.doc]);
  const out = new Map<string, DevPart>();
  for (const ids of byGenre.values()) {
    const hash = (s: string): string => createHash('sha256').update(s).digest('hex');
    ids.sort((a, b) => hash(a).localeCompare(hash(b)));
    ids.forEach((id, i) => out.set(id, i % 3 === 2 ? 'heldback' : 'train'));
  }
  return out;
}

const SPLIT_FILE = new URL('../../corpus/gum-split.json', import.meta.url);

/** The committed split list (`corpus/gum-split.json`). */
export function committedSplit(): { train: string[]; heldback: string[] } {
  return JSON.parse(readFileSync(SPLIT_FILE, 'utf8')) as { train: string[]; heldback: string[] };
}

/**
 * Reads the development documents of one part (all when `part` is omitted), in file order.
 * @throws Error when the data folder is missing.
 * @example
 * const docs = readDevDocs('heldback');
 */
export function readDevDocs(part?: DevPart, dir = devDataDir()): DevDoc[] {
  if (!dir) throw new Error('the GUM development data (shared/dev-data/redaction) was not found');
  const split = committedSplit();
  const keep = part ? new Set(split[part]) : undefined;
  return readFileSync(`${dir}/gum-names.project.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DevDoc)
    .filter((d) => !keep || keep.has(d.doc));
}
