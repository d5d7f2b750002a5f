/**
 * The backup's encryption (src/backup/sealed-stream.ts): content of several parts comes back
 * whole with its key; every single flipped byte anywhere in the file (header, part headers,
 * ciphertext, tags), a file cut at any byte, a byte added at the end, and another key are each
 * refused, and no plaintext of a part is released before its tag is checked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import {
  dataKeyFingerprint,
  newDataKey,
  newHeader,
  sealStream,
  SealedFileError,
  unsealStream,
} from '../src/backup/sealed-stream.ts';

const key = newDataKey();
/** Three full parts of 64 bytes and a short last one. */
const plain = randomBytes(64 * 3 + 17);
const header = newHeader('waypoint-index', key, randomUUID(), '2026-12-07T23:00:00.000Z', 64);

async function seal(bytes: Buffer, k = key): Promise<Buffer> {
  const chunks = [bytes.subarray(0, 50), bytes.subarray(50, 150), bytes.subarray(150)];
  return buffer(
    Readable.from(chunks).pipe(sealStream(k, { ...header, keyFingerprint: dataKeyFingerprint(k) })),
  );
}

async function unseal(file: Buffer, k = key): Promise<Buffer> {
  const unsealer = unsealStream(k);
  const out: Buffer[] = [];
  unsealer.on('data', (c: Buffer) => out.push(c));
  // Fed in small pieces, as a file stream might deliver it.
  const pieces: Buffer[] = [];
  for (let i = 0; i < file.length; i += 37) pieces.push(file.subarray(i, i + 37));
  await new Promise<void>((resolve, reject) => {
    unsealer.on('error', reject);
    unsealer.on('end', resolve);
    Readable.from(pieces).pipe(unsealer);
  });
  return Buffer.concat(out);
}

describe('the sealed (encrypted) backup stream', () => {
  it('gives the content back with its key, in parts of the header’s size, the header in the clear', async () => {
    const file = await seal(plain);
    const line = file.subarray(0, file.indexOf(0x0a)).toString('utf8');
    expect(JSON.parse(line)).toEqual(header);
    expect(file.includes(plain.subarray(0, 16))).toBe(false);
    // header, then 4 parts of 5 + n + 16 bytes
    expect(file.length).toBe(line.length + 1 + plain.length + 4 * 21);
    expect((await unseal(file)).equals(plain)).toBe(true);
    expect((await unseal(await seal(Buffer.alloc(0)))).length).toBe(0);
  });

  it('refuses every flipped byte, anywhere in the file', async () => {
    const file = await seal(plain);
    let refused = 0;
    for (let at = 0; at < file.length; at++) {
      const damaged = Buffer.from(file);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      await expect(unseal(damaged), `byte ${at}`).rejects.toBeInstanceOf(SealedFileError);
      refused++;
    }
    expect(refused).toBe(file.length);
  });

  it('refuses a file cut at any byte, one with a byte added, and another key', async () => {
    const file = await seal(plain);
    for (let length = 0; length < file.length; length++)
      await expect(unseal(file.subarray(0, length)), `cut at ${length}`).rejects.toThrow(SealedFileError);
    await expect(unseal(Buffer.concat([file, Buffer.from([0])]))).rejects.toThrow(/bytes after its end/);
    await expect(unseal(file, newDataKey())).rejects.toThrow(/encrypted with another key/);
  });

  it('releases nothing of a damaged part', async () => {
    const file = await seal(plain);
    const damaged = Buffer.from(file);
    const last = damaged.length - 1; // the last part's tag
    damaged[last] = (damaged[last] ?? 0) ^ 0x80;
    const unsealer = unsealStream(key);
    const released: Buffer[] = [];
    unsealer.on('data', (c: Buffer) => released.push(c));
    await expect(
      new Promise((resolve, reject) => {
        unsealer.on('error', reject);
        unsealer.on('end', resolve);
        Readable.from([damaged]).pipe(unsealer);
      }),
    ).rejects.toThrow(/authentication tag/);
    // The three whole parts before it were released; nothing of the damaged last part.
    expect(Buffer.concat(released).equals(plain.subarray(0, 64 * 3))).toBe(true);
  });
});
