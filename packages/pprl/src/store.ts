/**
 * Encodings packed for the kernel: the filters side by side in one shared WebAssembly memory (so
 * worker threads read them without a copy), their popcounts, and each blocking rule's key per
 * record as a 32-bit hash.
 */
import type { WasmMemory } from './kernel/webassembly-types.ts';
import type { Encoding } from './encode.ts';
import { popcountBytes } from './kernel/reference.ts';
import { sharedMemory } from './kernel/wasm.ts';
import { PPRL_FIELDS, type PprlField } from './schema.ts';

/** Two encodings were made under different schemas or keys and must not be compared. */
export class VersionMismatchError extends Error {
  override readonly name = 'VersionMismatchError';
}

/** Scratch space per scoring thread: candidate indexes and AND counts for one call. */
export const CHUNK = 65536;
const SCRATCH_BYTES = CHUNK * 8;

/** FNV-1a of a string: a blocking key's 32-bit hash (0 is kept for "no key"). */
export function keyHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/** Rule of a blocking key: the part before the colon (`d`, `p`, `n`, `l3` …). */
export function ruleOf(key: string): string {
  const c = key.indexOf(':');
  return c < 0 ? key : key.slice(0, c);
}

const KEYED_ORDER = ['n', 'u', 'd', 'p', 'yd'];
/** Rules in the order they are applied: keyed rules first, then LSH bands by number. */
export function sortRules(rules: Iterable<string>): string[] {
  const rank = (r: string): number => {
    const k = KEYED_ORDER.indexOf(r);
    if (k >= 0) return k;
    const m = /^l(\d+)$/.exec(r);
    return m ? 100 + Number(m[1]) : 1000;
  };
  return [...new Set(rules)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/** What a worker needs to score: everything but the ids, on shared or copyable arrays. */
export interface StoreData {
  n: number;
  /** Filter length in bytes (a multiple of 32 for the WebAssembly kernel). */
  stride: number;
  memory: WasmMemory;
  /** Byte offset of the first scratch area; thread t uses scratch + t · CHUNK · 8. */
  scratch: number;
  pop: Int32Array;
  source: Uint8Array;
  rules: string[];
  keys: Uint32Array[];
  /** Rules whose key is a whole identifier (NHS number, UPN): agreement decides a pair. */
  identifierRules: number[];
  /** Date-of-birth components, `dobBytes` each (all zero when missing), and whether each is present. */
  dobBytes: number;
  dob: Uint8Array;
  hasDob: Uint8Array;
  /**
   * Field-level filters, when the encodings carry them: `fieldNames` in PPRL_FIELDS order; record
   * i's filter of field f at (i · fieldNames.length + f) · fieldBytes, all zero when
   * `hasField[i · fieldNames.length + f]` is 0 (the field is missing).
   */
  fieldNames: PprlField[];
  fieldBytes: number;
  fieldData: Uint8Array;
  hasField: Uint8Array;
}

/**
 * Pack encodings (all of one schema and key version) for scoring.
 * @throws VersionMismatchError when they are not all of one schema and key
 */
export class EncodingStore {
  readonly data: StoreData;
  readonly ids: string[];
  readonly schema: string;
  readonly key: string;
  readonly bits: number;

  constructor(encodings: readonly Encoding[], sources?: readonly number[], threads = 1) {
    const first = encodings[0];
    if (!first) throw new RangeError('no encodings');
    this.schema = first.schema;
    this.key = first.key;
    const stride = first.clk.length;
    this.bits = stride * 8;
    const dobBytes = encodings.find((e) => e.dob)?.dob?.length ?? 0;
    const n = encodings.length;
    const scratch = Math.ceil((n * stride) / 8) * 8;
    const memory = sharedMemory(scratch + threads * SCRATCH_BYTES);
    const mem = new Uint8Array(memory.buffer);
    const pop = new Int32Array(new SharedArrayBuffer(n * 4));
    const source = new Uint8Array(new SharedArrayBuffer(n));
    const dob = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * dobBytes)));
    const hasDob = new Uint8Array(new SharedArrayBuffer(n));
    const present = new Set<string>();
    let fieldBytes = 0;
    for (const e of encodings)
      for (const [f, v] of Object.entries(e.fields ?? {})) {
        present.add(f);
        fieldBytes ||= v.length;
      }
    const fieldNames = PPRL_FIELDS.filter((f) => present.has(f));
    const F = fieldNames.length;
    const fieldData = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * F * fieldBytes)));
    const hasField = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * F)));
    const rules = sortRules(encodings.flatMap((e) => e.blocks.map(ruleOf)));
    const ruleIndex = new Map(rules.map((r, k) => [r, k]));
    const keys = rules.map(() => new Uint32Array(new SharedArrayBuffer(n * 4)));
    this.ids = new Array<string>(n);
    encodings.forEach((e, i) => {
      if (e.schema !== this.schema || e.key !== this.key)
        throw new VersionMismatchError(
          `encoding ${e.id} is of schema ${e.schema} and key ${e.key}; the others are of schema ${this.schema} and key ${this.key}`,
        );
      if (e.clk.length !== stride)
        throw new VersionMismatchError(`encoding ${e.id}: filter of another length`);
      this.ids[i] = e.id;
      mem.set(e.clk, i * stride);
      pop[i] = popcountBytes(e.clk);
      source[i] = sources?.[i] ?? 0;
      if (e.dob && dobBytes > 0 && e.dob.length === dobBytes) {
        dob.set(e.dob, i * dobBytes);
        hasDob[i] = 1;
      }
      if (e.fields)
        fieldNames.forEach((f, k) => {
          const v = e.fields![f];
          if (!v) return;
          if (v.length !== fieldBytes)
            throw new VersionMismatchError(`encoding ${e.id}: field filter ${f} of another length`);
          fieldData.set(v, (i * F + k) * fieldBytes);
          hasField[i * F + k] = 1;
        });
      for (const b of e.blocks) {
        const r = ruleIndex.get(ruleOf(b))!;
        keys[r]![i] = keyHash(b);
      }
    });
    const identifierRules = rules.flatMap((r, k) => (r === 'n' || r === 'u' ? [k] : []));
    this.data = {
      n,
      stride,
      memory,
      scratch,
      pop,
      source,
      rules,
      keys,
      identifierRules,
      dobBytes,
      dob,
      hasDob,
      fieldNames,
      fieldBytes,
      fieldData,
      hasField,
    };
  }
}
