/**
 * `npx tsx packages/index/bench/sealed.ts [--mb 512]`: the backup's encryption alone, at a size no
 * test LA reaches. Writes `--mb` megabytes of JSON-like lines through gzip and `sealStream` to a
 * temporary file, then reads them back through `unsealStream` and gunzip, counting the bytes.
 * Prints each direction's seconds and MB/s, the file's size, and the process's peak memory (RSS,
 * sampled every 50 ms) against its memory before: flat memory means the peak does not grow with
 * `--mb`. And the machine's load.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import { newDataKey, newHeader, sealStream, unsealStream } from '../src/backup/sealed-stream.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '512' } } });
const total = Number(values.mb) * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-sealed-'));
const file = join(dir, 'sealed');
const key = newDataKey();
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);

let peak = process.memoryUsage().rss;
const before = peak;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);

/** Rows like a backup's: JSON with ids, dates and text, varied enough that gzip does not make them vanish. */
async function* lines(): AsyncGenerator<string> {
  let written = 0;
  let n = 0;
  while (written < total) {
    let batch = '';
    for (let i = 0; i < 500; i++) {
      batch += `{"id":"${randomUUID()}","n":${n++},"at":"2026-12-07T23:${String(n % 60).padStart(2, '0')}:00Z","note":"visit ${n % 977} notes ${randomUUID().slice(0, 18)}"}\n`;
    }
    written += batch.length;
    yield batch;
  }
}

let start = performance.now();
await pipeline(
  Readable.from(lines()),
  createGzip({ level: 6 }),
  sealStream(key, newHeader('waypoint-index', key, randomUUID(), new Date().toISOString())),
  createWriteStream(file),
);
const writeSeconds = (performance.now() - start) / 1000;
start = performance.now();
let read = 0;
await pipeline(createReadStream(file), unsealStream(key), createGunzip(), async function (source) {
  for await (const chunk of source as AsyncIterable<Buffer>) read += chunk.length;
});
const readSeconds = (performance.now() - start) / 1000;
clearInterval(sampler);
process.stdout.write(
  [
    `${mb(total)} MB of rows → ${mb(statSync(file).size)} MB encrypted file; read back ${mb(read)} MB`,
    `write (gzip + AES-256-GCM): ${writeSeconds.toFixed(1)} s, ${(total / 1024 / 1024 / writeSeconds).toFixed(0)} MB/s of rows`,
    `read (AES-256-GCM + gunzip): ${readSeconds.toFixed(1)} s, ${(read / 1024 / 1024 / readSeconds).toFixed(0)} MB/s of rows`,
    `memory: ${mb(before)} MB before, peak ${mb(peak)} MB`,
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
    '',
  ].join('\n'),
);
rmSync(dir, { recursive: true, force: true });
