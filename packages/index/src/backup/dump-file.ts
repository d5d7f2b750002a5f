/**
 * What an encrypted backup holds (inside `sealed-stream.ts`): gzip of JSON lines. For each table a
 * header line `#{"db":"app","table":"people","columns":[…]}` and its rows, one `row_to_json` text a
 * line; then, last, the manifest `!{…}` with every table's row count and SHA-256 and the whole
 * body's SHA-256. Written in one pass (no temporary file, nothing in the clear on disk): the body
 * goes through gzip and the cipher into `FILE.partial`, renamed to FILE when complete.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { z } from 'zod';
import type { TableInfo } from './logical-dump.ts';
import { sealStream, unsealStream, type SealedHeader } from './sealed-stream.ts';

/** A backup or key file refused, or a restore that cannot go ahead: one line a person can act on. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export const sectionSchema = z.object({
  db: z.string(),
  table: z.string(),
  columns: z.array(z.string()),
  rows: z.number().int(),
  sha256: z.string(),
});
export type Section = z.infer<typeof sectionSchema>;

/** The manifest's part every backup has; each kind of backup extends it. */
export const dumpManifestSchema = z.object({
  backupId: z.uuid(),
  createdAt: z.string(),
  sections: z.array(sectionSchema),
  bodySha256: z.string(),
});

async function write(stream: Gzip, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Writes the encrypted body, hashing each table's rows and the whole, then the manifest. */
export class DumpWriter {
  readonly sections: Section[] = [];
  private readonly gzip = createGzip({ level: 6 });
  private readonly done: Promise<void>;
  private readonly body: Hash = createHash('sha256');
  private readonly partial: string;
  private current: { section: Section; hash: Hash } | undefined;

  constructor(
    readonly path: string,
    key: Buffer,
    header: SealedHeader,
  ) {
    this.partial = `${path}.partial`;
    this.done = pipeline(
      this.gzip,
      sealStream(key, header),
      createWriteStream(this.partial, { mode: 0o600 }),
    );
    // Until finish() or abort() awaits it, a write error must not go unhandled.
    this.done.catch(() => {});
  }

  private closeSection(): void {
    if (this.current === undefined) return;
    this.current.section.sha256 = this.current.hash.digest('hex');
    this.current = undefined;
  }

  async table(db: string, info: TableInfo): Promise<void> {
    this.closeSection();
    const section: Section = { db, table: info.table, columns: info.columns, rows: 0, sha256: '' };
    this.sections.push(section);
    this.current = { section, hash: createHash('sha256') };
    const line = `#${JSON.stringify({ db, table: info.table, columns: info.columns })}\n`;
    this.body.update(line);
    await write(this.gzip, line);
  }

  async row(json: string): Promise<void> {
    if (this.current === undefined) throw new Error('a row before its table');
    if (json.includes('\n')) throw new Error('a row with a line break'); // row_to_json escapes them
    const line = `${json}\n`;
    this.current.hash.update(line);
    this.current.section.rows++;
    this.body.update(line);
    await write(this.gzip, line);
  }

  /** Ends the body with the manifest (given its sections and body checksum) and renames the file. */
  async finish<M extends object>(manifest: (sections: Section[], bodySha256: string) => M): Promise<M> {
    this.closeSection();
    const full = manifest(this.sections, this.body.digest('hex'));
    await write(this.gzip, `!${JSON.stringify(full)}\n`);
    this.gzip.end();
    await this.done;
    renameSync(this.partial, this.path);
    return full;
  }

  /** Stops and removes the partial file (after a failure). */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => {});
    rmSync(this.partial, { force: true });
  }
}

/** The file's lines, decrypted and decompressed. A damaged, cut or other key's file throws. */
export async function* readLines(file: string, key: Buffer): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  const unseal = unsealStream(key);
  source.on('error', (err) => unseal.destroy(err));
  unseal.on('error', (err) => gunzip.destroy(err));
  source.pipe(unseal).pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.write(chunk);
      let at = rest.indexOf('\n');
      let from = 0;
      while (at !== -1) {
        yield rest.slice(from, at);
        from = at + 1;
        at = rest.indexOf('\n', from);
      }
      rest = rest.slice(from);
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    source.destroy();
    unseal.destroy();
    gunzip.destroy();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The backup refused as corrupt: one line ending "nothing was restored". */
export const corrupt = (file: string, why: string): BackupError =>
  new BackupError(
    `the backup ${file} is corrupt (${why}): nothing was restored. Use another copy of the backup.`,
  );

/**
 * Reads the whole backup (decrypting it) and checks it against its manifest: every table's rows and
 * SHA-256, the body's SHA-256, the manifest last. Writes nothing.
 * @returns the manifest, parsed by `schema`
 * @throws BackupError naming what is wrong
 */
export async function verifyDump<M extends z.infer<typeof dumpManifestSchema>>(
  file: string,
  key: Buffer,
  schema: z.ZodType<M>,
  progress: (rows: number) => void = () => {},
): Promise<M> {
  const body = createHash('sha256');
  const found: { db: unknown; table: unknown; rows: number; hash: Hash }[] = [];
  let trailer: string | undefined;
  let rows = 0;
  try {
    for await (const line of readLines(file, key)) {
      if (trailer !== undefined) throw corrupt(file, 'there are lines after its manifest');
      if (line.startsWith('!')) {
        trailer = line.slice(1);
        continue;
      }
      body.update(`${line}\n`);
      if (line.startsWith('#')) {
        const header = safeJson(line.slice(1)) as { db?: unknown; table?: unknown } | undefined;
        found.push({ db: header?.db, table: header?.table, rows: 0, hash: createHash('sha256') });
        continue;
      }
      const section = found.at(-1);
      if (section === undefined) throw corrupt(file, 'a row before its table');
      section.hash.update(`${line}\n`);
      section.rows++;
      if (++rows % 10_000 === 0) progress(rows);
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw corrupt(file, (err as Error).message);
  }
  if (trailer === undefined) throw corrupt(file, 'it has no manifest: it is truncated');
  const manifest = schema.safeParse(safeJson(trailer));
  if (!manifest.success) throw corrupt(file, 'its manifest is not one this version reads');
  const listed = manifest.data.sections;
  if (listed.length !== found.length) throw corrupt(file, 'its tables are not the ones its manifest lists');
  listed.forEach((s, i) => {
    const got = found[i];
    if (got?.db !== s.db || got.table !== s.table)
      throw corrupt(file, 'its tables are not the ones its manifest lists');
    if (got.hash.digest('hex') !== s.sha256 || got.rows !== s.rows)
      throw corrupt(file, `table ${s.table} does not match its checksum`);
  });
  if (body.digest('hex') !== manifest.data.bodySha256)
    throw corrupt(file, 'its contents do not match its checksum');
  progress(rows);
  return manifest.data;
}

/**
 * The rows of one database's tables, in the file's order, to load (after verifyDump).
 * Yields each table's header, then its rows in batches.
 */
export async function* readSections(
  file: string,
  key: Buffer,
  db: string,
  batchRows = 500,
  batchChars = 8_000_000,
): AsyncGenerator<{ info: TableInfo; rows: string[] }> {
  let info: TableInfo | undefined;
  let batch: string[] = [];
  let chars = 0;
  for await (const line of readLines(file, key)) {
    if (line.startsWith('!')) break;
    if (line.startsWith('#')) {
      if (info !== undefined) yield { info, rows: batch };
      batch = [];
      chars = 0;
      const header = JSON.parse(line.slice(1)) as { db: string; table: string; columns: string[] };
      info = header.db === db ? { table: header.table, columns: header.columns } : undefined;
      continue;
    }
    if (info === undefined) continue;
    batch.push(line);
    chars += line.length;
    if (batch.length >= batchRows || chars >= batchChars) {
      yield { info, rows: batch };
      batch = [];
      chars = 0;
    }
  }
  if (info !== undefined) yield { info, rows: batch };
}
