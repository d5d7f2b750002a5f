/**
 * The backup file and the key file.
 *
 * The backup is gzip (two members) of JSON lines: first the manifest (format, version, created at,
 * the engine, both databases' migration levels and sequences, the keys' names and fingerprints but
 * never their material, and a SHA-256 per table and over the whole body), then the body: for each
 * table a header line `#{"db":"app","table":"people","columns":[…]}` and its rows, one
 * `row_to_json` text a line. The body is written to a temporary file while it is hashed, then the
 * manifest and the body are joined into FILE (written as FILE.partial and renamed).
 *
 * The key file is a separate small JSON file (mode 0600) holding the keys' material, bound to one
 * backup by its id and checked against the manifest's fingerprints.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip, gzipSync, type Gzip } from 'node:zlib';
import { z } from 'zod';
import { keyFingerprint, type KeyName } from './installation-keys.ts';
import type { TableInfo } from './logical-dump.ts';

export const BACKUP_FORMAT = 'waypoint-backup';
export const KEYS_FORMAT = 'waypoint-keys';

/** A backup or key file refused, or a restore that cannot go ahead: one line a person can act on. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const migration = z.object({ version: z.number().int(), name: z.string(), checksum: z.string() });
const sequence = z.object({ name: z.string(), lastValue: z.string().nullable() });
const dbPart = z.object({ migrations: z.array(migration), sequences: z.array(sequence) });

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  backupId: z.uuid(),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  app: dbPart,
  /** The involvement index's database when it runs in this installation; null otherwise. */
  index: dbPart.nullable(),
  keys: z.array(z.object({ name: z.enum(['linkage', 'settings']), fingerprint: z.string() })),
  sections: z.array(
    z.object({
      db: z.enum(['app', 'index']),
      table: z.string(),
      columns: z.array(z.string()),
      rows: z.number().int(),
      sha256: z.string(),
    }),
  ),
  bodySha256: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type Section = Manifest['sections'][number];
export type DbName = Section['db'];

const keyFileSchema = z.object({
  format: z.literal(KEYS_FORMAT),
  version: z.literal(1),
  backupId: z.uuid(),
  createdAt: z.string(),
  keys: z.array(
    z.object({ name: z.enum(['linkage', 'settings']), fingerprint: z.string(), material: z.string() }),
  ),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

async function write(stream: Gzip, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Writes the body to a temporary file, hashing each table's rows and the whole. */
export class BodyWriter {
  readonly sections: Section[] = [];
  private readonly gzip = createGzip({ level: 6 });
  private readonly out: WriteStream;
  private readonly done: Promise<void>;
  private readonly body: Hash = createHash('sha256');
  private current: { section: Section; hash: Hash } | undefined;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { mode: 0o600 });
    this.done = pipeline(this.gzip, this.out);
  }

  private closeSection(): void {
    if (this.current === undefined) return;
    this.current.section.sha256 = this.current.hash.digest('hex');
    this.current = undefined;
  }

  async table(db: DbName, info: TableInfo): Promise<void> {
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

  /** Ends the body. @returns its SHA-256 */
  async finish(): Promise<string> {
    this.closeSection();
    this.gzip.end();
    await this.done;
    return this.body.digest('hex');
  }
}

/** Joins the manifest and the body into `out` (through `out.partial`, renamed when complete). */
export async function assemble(out: string, manifest: Manifest, bodyPath: string): Promise<void> {
  const partial = `${out}.partial`;
  writeFileSync(partial, gzipSync(`${JSON.stringify(manifest)}\n`), { mode: 0o600 });
  await pipeline(createReadStream(bodyPath), createWriteStream(partial, { flags: 'a' }));
  renameSync(partial, out);
}

/** The file's lines, decompressed. A damaged or truncated file throws (gzip's own check). */
export async function* readLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
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
    gunzip.destroy();
  }
}

/** The manifest alone (the first line), to check the key file before the whole backup is read. */
export async function readFirstManifest(file: string): Promise<Manifest> {
  if (!existsSync(file)) throw new BackupError(`the backup ${file} does not exist: nothing was restored.`);
  try {
    for await (const line of readLines(file)) {
      const parsed = manifestSchema.safeParse(safeJson(line));
      if (parsed.success) return parsed.data;
      break;
    }
  } catch (err) {
    throw corrupt(file, (err as Error).message);
  }
  throw new BackupError(`${file} is not a Waypoint backup (no manifest): nothing was restored.`);
}

const corrupt = (file: string, why: string) =>
  new BackupError(
    `the backup ${file} is corrupt (${why}): nothing was restored. Use another copy of the backup.`,
  );

/**
 * Reads the whole backup and checks it against its manifest (every table's checksum and row count,
 * the body's checksum). Writes nothing.
 * @throws BackupError naming what is wrong
 */
export async function verifyBackupFile(
  file: string,
  progress: (rows: number) => void = () => {},
): Promise<Manifest> {
  if (!existsSync(file)) throw new BackupError(`the backup ${file} does not exist: nothing was restored.`);
  let manifest: Manifest | undefined;
  const body = createHash('sha256');
  let sectionIndex = -1;
  let sectionHash: Hash | undefined;
  let sectionRows = 0;
  let rows = 0;
  const endSection = () => {
    if (manifest === undefined || sectionIndex < 0) return;
    const expected = manifest.sections[sectionIndex];
    const got = sectionHash?.digest('hex');
    if (expected === undefined || got !== expected.sha256 || sectionRows !== expected.rows)
      throw corrupt(file, `table ${expected?.table ?? '?'} does not match its checksum`);
  };
  try {
    for await (const line of readLines(file)) {
      if (manifest === undefined) {
        const parsed = manifestSchema.safeParse(safeJson(line));
        if (!parsed.success)
          throw new BackupError(`${file} is not a Waypoint backup (no manifest): nothing was restored.`);
        manifest = parsed.data;
        continue;
      }
      body.update(`${line}\n`);
      if (line.startsWith('#')) {
        endSection();
        sectionIndex++;
        const expected = manifest.sections[sectionIndex];
        const header = safeJson(line.slice(1)) as { db?: unknown; table?: unknown } | undefined;
        if (expected === undefined || header?.db !== expected.db || header.table !== expected.table)
          throw corrupt(file, 'its tables are not the ones its manifest lists');
        sectionHash = createHash('sha256');
        sectionRows = 0;
        continue;
      }
      if (sectionHash === undefined) throw corrupt(file, 'a row before its table');
      sectionHash.update(`${line}\n`);
      sectionRows++;
      if (++rows % 10_000 === 0) progress(rows);
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw corrupt(file, (err as Error).message);
  }
  if (manifest === undefined)
    throw new BackupError(`${file} is not a Waypoint backup (empty): nothing was restored.`);
  endSection();
  if (sectionIndex + 1 !== manifest.sections.length)
    throw corrupt(file, 'tables are missing: it is truncated');
  if (body.digest('hex') !== manifest.bodySha256)
    throw corrupt(file, 'its contents do not match its checksum');
  progress(rows);
  return manifest;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The rows of one database's tables, in the file's order, to load (after verifyBackupFile).
 * Yields each table's header, then its rows in batches.
 */
export async function* readSections(
  file: string,
  db: DbName,
  batchRows = 500,
  batchChars = 8_000_000,
): AsyncGenerator<{ info: TableInfo; rows: string[] }> {
  let info: TableInfo | undefined;
  let batch: string[] = [];
  let chars = 0;
  let first = true;
  for await (const line of readLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (line.startsWith('#')) {
      if (info !== undefined) yield { info, rows: batch };
      batch = [];
      chars = 0;
      const header = JSON.parse(line.slice(1)) as { db: DbName; table: string; columns: string[] };
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

/** A key as the key file holds it: the secret's bytes, base64. */
export interface KeyMaterial {
  name: KeyName;
  bytes: Uint8Array;
}

/** Writes the key file (mode 0600), never beside the data inside the backup. */
export function writeKeyFile(path: string, backupId: string, createdAt: string, keys: KeyMaterial[]): void {
  const file: KeyFile = {
    format: KEYS_FORMAT,
    version: 1,
    backupId,
    createdAt,
    keys: keys.map((k) => ({
      name: k.name,
      fingerprint: keyFingerprint(k.name, k.bytes),
      material: Buffer.from(k.bytes).toString('base64'),
    })),
  };
  writeFileSync(`${path}.partial`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(`${path}.partial`, 0o600);
  renameSync(`${path}.partial`, path);
}

/**
 * Reads the key file and checks it fits the backup: every key the manifest names present with the
 * manifest's fingerprint (the backup id is not required to match: keys do not change between
 * backups of one installation).
 * @throws BackupError when the file is missing, unreadable or not this backup's
 */
export function readKeyFile(path: string | undefined, manifest: Manifest): KeyMaterial[] {
  const hint = 'the key file written with the backup (waypoint backup --keys-out)';
  if (path === undefined)
    throw new BackupError(`a restore needs --keys KEYFILE, ${hint}: nothing was restored.`);
  if (!existsSync(path))
    throw new BackupError(
      `the key file ${path} does not exist; a restore needs ${hint}: nothing was restored.`,
    );
  const parsed = keyFileSchema.safeParse(safeJson(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new BackupError(
      `${path} is not a Waypoint key file; a restore needs ${hint}: nothing was restored.`,
    );
  const file = parsed.data;
  const keys = file.keys.map((k) => ({
    name: k.name,
    bytes: new Uint8Array(Buffer.from(k.material, 'base64')),
  }));
  for (const k of keys) {
    if (keyFingerprint(k.name, k.bytes) !== file.keys.find((f) => f.name === k.name)?.fingerprint)
      throw new BackupError(
        `the key file ${path} is damaged (its ${k.name} key does not match its fingerprint): nothing was restored.`,
      );
  }
  for (const want of manifest.keys) {
    const got = keys.find((k) => k.name === want.name);
    if (got === undefined || keyFingerprint(got.name, got.bytes) !== want.fingerprint)
      throw new BackupError(
        `the key file ${path} does not match the backup: its ${want.name} key is ${got === undefined ? 'missing' : `fingerprint ${keyFingerprint(got.name, got.bytes)}`}, the backup's is fingerprint ${want.fingerprint}. Use the key file written with this backup: nothing was restored.`,
      );
  }
  // Another backup's key file of the same installation holds the same keys: the fingerprints decide.
  return keys.filter((k) => manifest.keys.some((m) => m.name === k.name));
}

/** Removes a temporary file, quietly. */
export function removeQuietly(path: string): void {
  rmSync(path, { force: true });
}
