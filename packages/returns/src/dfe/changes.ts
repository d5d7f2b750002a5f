/**
 * The daily push's changes: given what was last pushed for each child (a content hash and the ids
 * of the child's parts) and the children as they are now, the children to send (new, changed) and
 * those to delete, with the spec's `purge` flags, in requests of at most 100 children. Pure.
 *
 * How the DfE spec expresses deletion: `purge: true` on a level removes that level's data. So
 * - a child no longer in the record (disposed, erased, or removed as recorded in error) is sent as
 *   `{ la_child_id, purge: true }`, which removes all of the child's data;
 * - a changed child is sent whole, and a part sent before that is no longer there (an episode,
 *   assessment, plan, section 47 or placement deleted or corrected away, or given a new id by a
 *   corrected start date) is sent as `{ <its id>, purge: true }` in its episode (a whole episode
 *   gone as `{ social_care_episode_id, purge: true }`), so the DfE's copy loses it;
 * - a changed child whose personal details have lost one the DfE holds (names withheld once the
 *   record is restricted, a UPN or postcode removed) is first sent as
 *   `{ la_child_id, child_details: { purge: true } }` (the spec's way to remove the personal details
 *   only; leaving a property out does not remove it), in a request of its own kind before the
 *   others (`dfeRequests`), and then whole, so the DfE's copy keeps only what the record holds.
 */
import { createHash } from 'node:crypto';
import type { Child } from '../model/types.ts';
import { buildDfeChild, DFE_PART_KINDS, type DfePartKind } from './payload.ts';
import { DFE_MAX_CHILDREN_PER_REQUEST, validateDfePayload, type DfeSchemaError } from './schema.ts';
import type { CscChild, CscEpisode } from './types.ts';

/** What was last sent (and accepted) for one child. */
export interface DfePushedChild {
  hash: string;
  parts: readonly string[];
}

/** `details-purge`: the child's personal details removed, sent before the child's `changed` record. */
export type DfeChangeKind = 'new' | 'changed' | 'deleted' | 'details-purge';

export interface DfeChange {
  laChildId: string;
  kind: DfeChangeKind;
  /** The record to send, with any purge flags. */
  record: CscChild;
  /** The content hash to keep once the DfE accepted it; null for a deleted child (forget it) and a details purge (keep what was kept). */
  hash: string | null;
  /** The child's part ids to keep once accepted (none for a deleted child). */
  parts: string[];
}

/** A child whose record the schema refuses: not sent, reported (fix the record; the next push sends it). */
export interface DfeRefusedChild {
  laChildId: string;
  errors: DfeSchemaError[];
}

export interface DfeChanges {
  changes: DfeChange[];
  refused: DfeRefusedChild[];
  unchanged: number;
}

/** The content hash of a built record: SHA-256 of its JSON (the builder's key order is fixed). */
export function dfeHash(record: CscChild): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** Adds `{ id, purge: true }` for each part in `before` that `record` no longer has. */
function withPurges(record: CscChild, now: readonly string[], before: readonly string[]): CscChild {
  const have = new Set(now);
  // Episode parts only: a personal detail gone is purged on its own (`details-purge`).
  const gone = before.filter((p) => p.startsWith('e:') && !have.has(p));
  if (gone.length === 0) return record;
  const episodes: CscEpisode[] = (record.social_care_episodes ?? []).map((e) => ({ ...e }));
  const byId = new Map(episodes.map((e) => [e.social_care_episode_id, e]));
  for (const part of gone) {
    const m = /^e:([^/]+)(?:\/(a|cin|s47|cpp|lac):(.+))?$/.exec(part);
    if (m === null) continue;
    const [, eid, kind, itemId] = m as unknown as [
      string,
      string,
      DfePartKind | undefined,
      string | undefined,
    ];
    if (kind === undefined) {
      if (!byId.has(eid)) {
        const purged: CscEpisode = { social_care_episode_id: eid, purge: true };
        episodes.push(purged);
        byId.set(eid, purged);
      }
      continue;
    }
    const episode = byId.get(eid);
    // The whole episode is purged already: its parts go with it.
    if (episode === undefined || episode.purge === true) continue;
    const [list, idKey] = DFE_PART_KINDS[kind];
    const open = episode as unknown as Record<string, object[] | undefined>;
    open[list] = [...(open[list] ?? []), { [idKey]: itemId, purge: true }];
  }
  return { ...record, social_care_episodes: episodes };
}

/** Whether the DfE holds a personal detail (`d:<property>`, sent before) that `now` no longer has. */
function lostDetail(now: readonly string[], before: readonly string[]): boolean {
  const have = new Set(now);
  return before.some((p) => p.startsWith('d:') && !have.has(p));
}

/**
 * The changes since the last push, in LA child ID order (new and changed first-come as the
 * children are given; deleted after them). Each record is checked against the schema on its own:
 * one the schema refuses is left out and listed in `refused`, so one bad record never holds back
 * the LA's whole push.
 */
export function dfeChanges(
  previous: ReadonlyMap<string, DfePushedChild>,
  current: readonly Child[],
): DfeChanges {
  const changes: DfeChange[] = [];
  const refused: DfeRefusedChild[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const child of current) {
    const { record, parts } = buildDfeChild(child);
    seen.add(child.laChildId);
    const hash = dfeHash(record);
    const before = previous.get(child.laChildId);
    if (before !== undefined && before.hash === hash) {
      unchanged++;
      continue;
    }
    const toSend = before === undefined ? record : withPurges(record, parts, before.parts);
    const errors = validateDfePayload([toSend]).map((e) => ({ ...e, path: e.path.replace(/^\/0/, '') }));
    if (errors.length > 0) {
      refused.push({ laChildId: child.laChildId, errors });
      continue;
    }
    if (before !== undefined && lostDetail(parts, before.parts))
      changes.push({
        laChildId: child.laChildId,
        kind: 'details-purge',
        record: { la_child_id: child.laChildId, child_details: { purge: true } },
        hash: null,
        parts: [],
      });
    changes.push({
      laChildId: child.laChildId,
      kind: before === undefined ? 'new' : 'changed',
      record: toSend,
      hash,
      parts,
    });
  }
  for (const laChildId of [...previous.keys()].sort())
    if (!seen.has(laChildId))
      changes.push({
        laChildId,
        kind: 'deleted',
        record: { la_child_id: laChildId, purge: true },
        hash: null,
        parts: [],
      });
  return { changes, refused, unchanged };
}

/** Splits `items` into requests of at most `size` (100, the API's limit) in order. */
export function dfeBatches<T>(items: readonly T[], size: number = DFE_MAX_CHILDREN_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError('dfeBatches: size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The changes as requests of at most `size`, in order, with every `details-purge` in requests of
 * their own before the rest: a child's details are purged before their record is sent again, and
 * a request never carries one child twice.
 */
export function dfeRequests(
  changes: readonly DfeChange[],
  size: number = DFE_MAX_CHILDREN_PER_REQUEST,
): DfeChange[][] {
  const purges = changes.filter((c) => c.kind === 'details-purge');
  const rest = changes.filter((c) => c.kind !== 'details-purge');
  return [...dfeBatches(purges, size), ...dfeBatches(rest, size)];
}
