/**
 * Query against an index: the involvement index's look-up. Encodings are held by schema and key
 * version; a query is only ever compared with encodings of its own version, so during a key
 * rotation both versions can be held side by side and the old one retired when every agency has
 * re-encoded.
 */
import type { Encoding } from './encode.ts';
import { dice } from './kernel/reference.ts';
import { VersionMismatchError } from './store.ts';

export interface IndexCandidate {
  id: string;
  score: number;
}

interface Version {
  ids: string[];
  filters: Uint8Array[];
  dob: (Uint8Array | null)[];
  byKey: Map<string, number[]>;
  idKeys: (string | null)[];
  removed: Set<number>;
  position: Map<string, number>;
}

const versionOf = (e: Pick<Encoding, 'schema' | 'key'>): string => `${e.schema}/${e.key}`;
const identifierKey = (e: Encoding): string | null => e.blocks.find((b) => b.startsWith('n:')) ?? null;

/**
 * An index of encodings for one-at-a-time look-ups (top candidates above a threshold).
 *
 * @example
 * const index = new PprlIndex();
 * for (const e of published) index.add(e);
 * index.query(queryEncoding, { threshold: 0.75, limit: 5 }); // [{ id, score }, …]
 */
export class PprlIndex {
  private readonly versions = new Map<string, Version>();

  /** The schema/key versions held, with how many encodings each. */
  held(): { schema: string; key: string; encodings: number }[] {
    return [...this.versions].map(([v, x]) => {
      const [schema, key] = v.split('/') as [string, string];
      return { schema, key, encodings: x.ids.length - x.removed.size };
    });
  }

  /** Add (or replace, by id within its version) an encoding. */
  add(e: Encoding): void {
    const v = versionOf(e);
    let x = this.versions.get(v);
    if (!x) {
      x = {
        ids: [],
        filters: [],
        dob: [],
        byKey: new Map(),
        idKeys: [],
        removed: new Set(),
        position: new Map(),
      };
      this.versions.set(v, x);
    } else if (x.filters[0] && x.filters[0].length !== e.clk.length)
      throw new VersionMismatchError(`encoding ${e.id}: filter of another length than its version's`);
    const old = x.position.get(e.id);
    if (old !== undefined) x.removed.add(old);
    const i = x.ids.length;
    x.ids.push(e.id);
    x.filters.push(e.clk);
    x.dob.push(e.dob);
    x.idKeys.push(identifierKey(e));
    x.position.set(e.id, i);
    for (const b of e.blocks) {
      const list = x.byKey.get(b) ?? [];
      list.push(i);
      x.byKey.set(b, list);
    }
  }

  /** Remove one encoding by id from a version. */
  remove(version: Pick<Encoding, 'schema' | 'key'>, id: string): boolean {
    const x = this.versions.get(versionOf(version));
    const i = x?.position.get(id);
    if (x === undefined || i === undefined) return false;
    x.removed.add(i);
    x.position.delete(id);
    return true;
  }

  /** Drop every encoding of a version (the end of a key rotation). Returns how many were dropped. */
  retire(version: Pick<Encoding, 'schema' | 'key'>): number {
    const v = versionOf(version);
    const x = this.versions.get(v);
    if (!x) return 0;
    this.versions.delete(v);
    return x.ids.length - x.removed.size;
  }

  /**
   * The encodings sharing a blocking key with `q`, of q's own schema and key version, scoring at
   * least `threshold`, best first.
   * @throws VersionMismatchError when the index holds no encoding of q's version
   */
  query(q: Encoding, options: { threshold: number; limit?: number }): IndexCandidate[] {
    const x = this.versions.get(versionOf(q));
    if (!x)
      throw new VersionMismatchError(
        `no encodings of schema ${q.schema} and key ${q.key} are held (held: ${
          this.held()
            .map((h) => `${h.schema}/${h.key}`)
            .join(', ') || 'none'
        })`,
      );
    const seen = new Set<number>();
    const out: IndexCandidate[] = [];
    const qId = identifierKey(q);
    for (const b of q.blocks) {
      for (const i of x.byKey.get(b) ?? []) {
        if (seen.has(i) || x.removed.has(i)) continue;
        seen.add(i);
        let score = dice(q.clk, x.filters[i]!);
        const other = x.idKeys[i];
        if (qId !== null && other !== null && other !== undefined) score = qId === other ? 1 : 0;
        if (score >= options.threshold) out.push({ id: x.ids[i]!, score });
      }
    }
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return out.slice(0, options.limit ?? 10);
  }
}
