/**
 * A migrated PGlite data directory made once (by `waypoint prepare`, which `npm install` runs),
 * copied into a never-initialised data directory on first start, so a first start skips initdb
 * and every migration. It lives in `packages/app/.cache/pglite-template-<PGlite version>/`
 * beside a manifest of the migrations it holds (name and checksum); it is used only while those
 * are still the first migrations on disk, and `migrate` then applies any newer ones as usual.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationFile } from './migrate.ts';

export const CACHE_DIR = fileURLToPath(new URL('../../.cache/', import.meta.url));

interface TemplateManifest {
  pglite: string;
  migrations: { name: string; checksum: string }[];
  createdAt: string;
}

/** The installed PGlite's version: a template made by another version is never used. */
export function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export function templatePaths(cacheDir: string = CACHE_DIR): { dir: string; manifest: string } {
  const dir = join(cacheDir, `pglite-template-${pgliteVersion()}`);
  return { dir, manifest: `${dir}.json` };
}

/** Whether a data directory has never been initialised: nothing in it but our lock file. */
export function isUninitialised(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  return readdirSync(dataDir).every((f) => f === 'waypoint.lock');
}

function readManifest(file: string): TemplateManifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TemplateManifest;
  } catch {
    return undefined;
  }
}

/** Whether the template holds exactly the first migrations on disk, unchanged. */
function matches(manifest: TemplateManifest, migrations: readonly MigrationFile[]): boolean {
  return (
    manifest.pglite === pgliteVersion() &&
    manifest.migrations.length > 0 &&
    manifest.migrations.length <= migrations.length &&
    manifest.migrations.every(
      (m, i) => migrations[i]?.name === m.name && migrations[i]?.checksum === m.checksum,
    )
  );
}

/**
 * Copies the template into `dataDir` when the directory was never initialised and the template
 * still matches the migrations. Answers whether it did.
 */
export function copyTemplateInto(
  dataDir: string,
  migrations: readonly MigrationFile[],
  cacheDir: string = CACHE_DIR,
): boolean {
  const paths = templatePaths(cacheDir);
  const manifest = readManifest(paths.manifest);
  if (manifest === undefined || !existsSync(paths.dir) || !matches(manifest, migrations)) return false;
  if (!isUninitialised(dataDir)) return false;
  for (const entry of readdirSync(paths.dir))
    cpSync(join(paths.dir, entry), join(dataDir, entry), { recursive: true });
  return true;
}

/** Whether the template exists and matches the migrations on disk (nothing to prepare). */
export function templateIsCurrent(
  migrations: readonly MigrationFile[],
  cacheDir: string = CACHE_DIR,
): boolean {
  const paths = templatePaths(cacheDir);
  const manifest = readManifest(paths.manifest);
  return (
    manifest !== undefined &&
    existsSync(paths.dir) &&
    manifest.migrations.length === migrations.length &&
    matches(manifest, migrations)
  );
}

/**
 * Makes the template: `initialise` runs initdb and every migration in a fresh directory (and closes
 * it), which then replaces the old template with a rename; the manifest is written last, so a
 * half-made template is never used.
 */
export async function writeTemplate(
  migrations: readonly MigrationFile[],
  initialise: (dataDir: string) => Promise<void>,
  cacheDir: string = CACHE_DIR,
): Promise<string> {
  const paths = templatePaths(cacheDir);
  mkdirSync(cacheDir, { recursive: true });
  const building = `${paths.dir}.${process.pid}.building`;
  rmSync(building, { recursive: true, force: true });
  await initialise(building);
  rmSync(join(building, 'waypoint.lock'), { force: true });
  rmSync(paths.manifest, { force: true });
  rmSync(paths.dir, { recursive: true, force: true });
  renameSync(building, paths.dir);
  const manifest: TemplateManifest = {
    pglite: pgliteVersion(),
    migrations: migrations.map((m) => ({ name: m.name, checksum: m.checksum })),
    createdAt: new Date().toISOString(),
  };
  const tmp = `${paths.manifest}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmp, paths.manifest);
  return paths.dir;
}
