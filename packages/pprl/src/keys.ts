/**
 * Keys. A secret known to the publishing agencies (never to the index) is the only key material;
 * every key in use is derived from it with HKDF-SHA256, one per field, purpose and schema, so a
 * key for one field says nothing about another and a new schema never reuses a key. Tokens are
 * hashed with HMAC-SHA256 or keyed BLAKE2s from `@noble/hashes`.
 */
import { blake2s } from '@noble/hashes/blake2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Fewest bytes a secret may have. */
export const MIN_SECRET_BYTES = 16;

/** A secret that cannot be used (too short, or holding a NUL byte). */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/**
 * Check a secret: at least {@link MIN_SECRET_BYTES} bytes once a trailing newline is removed.
 * @throws SecretError
 */
export function checkSecret(secret: Uint8Array): Uint8Array {
  let end = secret.length;
  while (end > 0 && (secret[end - 1] === 0x0a || secret[end - 1] === 0x0d)) end--;
  const s = secret.subarray(0, end);
  if (s.length < MIN_SECRET_BYTES)
    throw new SecretError(
      `the secret is ${s.length} bytes; at least ${MIN_SECRET_BYTES} are needed (32 random bytes are best)`,
    );
  return s;
}

/**
 * The key identifier every encoding carries: 16 hex digits of HMAC-SHA256(secret, "waypoint-pprl
 * key id"). It names the key version without revealing the key; a rotated secret has another id.
 */
export function keyId(secret: Uint8Array): string {
  return bytesToHex(hmac(sha256, secret, utf8ToBytes('waypoint-pprl key id v1'))).slice(0, 16);
}

/**
 * A 32-byte key for one purpose (`field:given_name`, `blocking:dob`, `balance`, `lsh` …) under one
 * schema: HKDF-SHA256 with the schema identifier as salt.
 */
export function deriveKey(secret: Uint8Array, schemaIdentifier: string, purpose: string): Uint8Array {
  return hkdf(sha256, secret, utf8ToBytes(`waypoint-pprl/v1/${schemaIdentifier}`), utf8ToBytes(purpose), 32);
}

export type HashName = 'hmac-sha256' | 'blake2s';

/** Keyed hash of a message: 32 bytes. */
export function keyedHash(hash: HashName, key: Uint8Array, message: Uint8Array): Uint8Array {
  return hash === 'hmac-sha256' ? hmac(sha256, key, message) : blake2s(message, { key, dkLen: 32 });
}

/**
 * Bit positions for tokens of one field ("random hashing": each token's k positions come from its
 * own keyed hash, not from two hashes combined, which the double-hashing attacks exploit). Results
 * are kept, as the same tokens recur across records; the cache lives in memory only.
 */
export class TokenHasher {
  private readonly cache = new Map<string, Uint16Array>();

  constructor(
    private readonly hash: HashName,
    private readonly key: Uint8Array,
    /** Filter length the positions fall in: a power of two up to 65,536. */
    private readonly length: number,
    private readonly k: number,
  ) {
    if (length & (length - 1) || length > 65536)
      throw new RangeError('filter length must be a power of two ≤ 65536');
  }

  /** The k bit positions (with repeats possible) of a token under a salt. */
  positions(token: string, salt: string): Uint16Array {
    const id = `${salt}\u0000${token}`;
    let p = this.cache.get(id);
    if (p) return p;
    p = new Uint16Array(this.k);
    const mask = this.length - 1;
    for (let block = 0, n = 0; n < this.k; block++) {
      const msg = utf8ToBytes(block === 0 ? id : `${id}\u0000${block}`);
      const h = keyedHash(this.hash, this.key, msg);
      for (let j = 0; j + 1 < h.length && n < this.k; j += 2) p[n++] = (h[j]! | (h[j + 1]! << 8)) & mask;
    }
    this.cache.set(id, p);
    return p;
  }
}

/**
 * A keyed pseudo-random stream (HMAC-SHA256 in counter mode) for choices both sides must make
 * alike: the balancing permutation and the LSH positions.
 */
export class KeyedStream {
  private counter = 0;
  private buffer = new Uint8Array(0);
  private offset = 0;

  constructor(private readonly key: Uint8Array) {}

  /** A uniform integer in [0, n) (rejection sampling on 32-bit words). */
  below(n: number): number {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      if (this.offset + 4 > this.buffer.length) {
        this.buffer = hmac(sha256, this.key, utf8ToBytes(String(this.counter++)));
        this.offset = 0;
      }
      const b = this.buffer;
      const o = this.offset;
      this.offset += 4;
      const x = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
      if (x < limit) return x % n;
    }
  }

  /** A permutation of 0…n−1 (Fisher–Yates). */
  permutation(n: number): Uint16Array {
    const p = new Uint16Array(n);
    for (let k = 0; k < n; k++) p[k] = k;
    for (let k = n - 1; k > 0; k--) {
      const j = this.below(k + 1);
      const t = p[k]!;
      p[k] = p[j]!;
      p[j] = t;
    }
    return p;
  }
}
