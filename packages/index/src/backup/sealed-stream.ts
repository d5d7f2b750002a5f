/**
 * An encrypted backup file: one header line in the clear, then the content in AES-256-GCM parts
 * (node:crypto), so a file of any size is written and read with flat memory.
 *
 * ```
 * header  JSON, one line ending "\n" (at most 4 KiB): format, version, kind, backupId, createdAt,
 *         cipher "aes-256-gcm", chunkBytes, keyFingerprint (which key file it needs)
 * parts   [1 byte: 0, or 1 for the last part][4 bytes: length n, big-endian][n bytes][16-byte tag]
 * ```
 *
 * Each part's nonce is its number (8 bytes, after 3 zero bytes) and the last-part flag; its
 * additional data is the header line. So a changed header, a changed, reordered or removed part, a
 * file cut short (no last part) and bytes after the last part are each refused; no plaintext is
 * released before its part's tag is checked. The key is fresh and random for every backup (it
 * lives only in the backup's key file), so a counter nonce is never used twice under one key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { z } from 'zod';

export const CIPHER = 'aes-256-gcm';
const TAG_BYTES = 16;
const MAX_HEADER = 4096;
const DEFAULT_CHUNK = 64 * 1024;

export const sealedHeaderSchema = z.object({
  format: z.literal('waypoint-backup'),
  version: z.literal(2),
  /** What the backup is of: a Waypoint installation, or an involvement index run as its own service. */
  kind: z.enum(['waypoint', 'waypoint-index']),
  backupId: z.uuid(),
  createdAt: z.string(),
  cipher: z.literal(CIPHER),
  chunkBytes: z
    .number()
    .int()
    .min(1)
    .max(1 << 24),
  keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
});
export type SealedHeader = z.infer<typeof sealedHeaderSchema>;

/** A backup's encryption refused the file: damaged, cut short, or not this key's. */
export class SealedFileError extends Error {
  override name = 'SealedFileError';
}

/** A fresh random AES-256 data key, one per backup. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** The data key's fingerprint (the first 128 bits of SHA-256 over a label and the key), hex. */
export function dataKeyFingerprint(key: Uint8Array): string {
  return createHash('sha256').update('waypoint backup data key\0').update(key).digest('hex').slice(0, 32);
}

function nonce(part: bigint, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(part, 3);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * Encrypts what is written to it: emits the header line, then the parts.
 * @example pipeline(createGzip(), sealStream(key, header), createWriteStream(file))
 */
export function sealStream(key: Buffer, header: SealedHeader): Transform {
  const line = Buffer.from(`${JSON.stringify(header)}\n`);
  if (line.length > MAX_HEADER) throw new Error('backup header too long');
  let pending: Buffer = Buffer.alloc(0);
  let part = 0n;
  const frame = (bytes: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv(CIPHER, key, nonce(part++, last));
    cipher.setAAD(line);
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const head = Buffer.alloc(5);
    head[0] = last ? 1 : 0;
    head.writeUInt32BE(body.length, 1);
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  let started = false;
  const start = (t: Transform) => {
    if (!started) t.push(line);
    started = true;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      start(this);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Keep the tail back: only the end of the stream knows which part is the last.
      while (pending.length > header.chunkBytes) {
        this.push(frame(pending.subarray(0, header.chunkBytes), false));
        pending = pending.subarray(header.chunkBytes);
      }
      done();
    },
    flush(done: TransformCallback) {
      start(this);
      this.push(frame(pending, true));
      done();
    },
  });
}

/** A header for a new backup, with the default part size. */
export function newHeader(
  kind: SealedHeader['kind'],
  key: Uint8Array,
  backupId: string,
  createdAt: string,
  chunkBytes = DEFAULT_CHUNK,
): SealedHeader {
  return {
    format: 'waypoint-backup',
    version: 2,
    kind,
    backupId,
    createdAt,
    cipher: CIPHER,
    chunkBytes,
    keyFingerprint: dataKeyFingerprint(key),
  };
}

/**
 * What a file's first bytes say it is: an encrypted backup (its header), a gzip file (a backup of
 * format 1, unencrypted), or something else. Reads at most 4 KiB.
 */
export async function readSealedHeader(
  file: string,
): Promise<{ kind: 'sealed'; header: SealedHeader } | { kind: 'gzip' } | { kind: 'other' }> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_HEADER);
    const { bytesRead } = await handle.read(buf, 0, MAX_HEADER, 0);
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
    const nl = head.indexOf(0x0a);
    if (nl === -1) return { kind: 'other' };
    const parsed = sealedHeaderSchema.safeParse(safeJson(head.subarray(0, nl).toString('utf8')));
    return parsed.success ? { kind: 'sealed', header: parsed.data } : { kind: 'other' };
  } finally {
    await handle.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Decrypts a sealed file's bytes (from its first byte): checks the header names this key, then
 * releases each part only after its tag is checked.
 * @throws SealedFileError (as a stream error) for a damaged, truncated or other key's file
 */
export function unsealStream(key: Buffer): Transform {
  let buf: Buffer = Buffer.alloc(0);
  let line: Buffer | undefined;
  let chunkBytes = 0;
  let part = 0n;
  let ended = false;
  const take = (t: Transform): void => {
    if (line === undefined) {
      const nl = buf.indexOf(0x0a);
      if (nl === -1) {
        if (buf.length > MAX_HEADER) throw new SealedFileError('it has no header');
        return;
      }
      line = Buffer.from(buf.subarray(0, nl + 1));
      const header = sealedHeaderSchema.safeParse(safeJson(line.subarray(0, nl).toString('utf8')));
      if (!header.success) throw new SealedFileError('its header is damaged');
      if (header.data.keyFingerprint !== dataKeyFingerprint(key))
        throw new SealedFileError('it was encrypted with another key');
      chunkBytes = header.data.chunkBytes;
      buf = buf.subarray(nl + 1);
    }
    while (buf.length > 0) {
      if (ended) throw new SealedFileError('there are bytes after its end');
      if (buf.length < 5) return;
      const flag = buf[0];
      const length = buf.readUInt32BE(1);
      if ((flag !== 0 && flag !== 1) || length > chunkBytes) throw new SealedFileError('a part is damaged');
      if (buf.length < 5 + length + TAG_BYTES) return;
      const decipher = createDecipheriv(CIPHER, key, nonce(part++, flag === 1));
      decipher.setAAD(line);
      decipher.setAuthTag(buf.subarray(5 + length, 5 + length + TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(buf.subarray(5, 5 + length)), decipher.final()]);
      } catch {
        throw new SealedFileError('a part fails its authentication tag: the file was changed or damaged');
      }
      buf = buf.subarray(5 + length + TAG_BYTES);
      ended = flag === 1;
      t.push(plain);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      try {
        take(this);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      done(
        line === undefined
          ? new SealedFileError('it has no header')
          : ended && buf.length === 0
            ? undefined
            : new SealedFileError('it is cut short (truncated)'),
      );
    },
  });
}
