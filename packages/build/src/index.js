// @waypoint/build: each package's commands are bundled once with esbuild into the package's dist/,
// so they start as plain Node (no TypeScript compiled at every start), and are rebuilt when any
// of their inputs changed. Plain JavaScript on purpose: this is what runs before anything is built.
// Types: index.d.ts. Decision: docs/decisions/0006-built-commands.md.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MANIFEST_VERSION = 1;
const BUILDER_FILE = fileURLToPath(import.meta.url);

/**
 * Where a command's build lives: `<package>/dist/<name>.build.json` names the current output
 * directory `<package>/dist/<name>-<id>/` (main.js and its chunks).
 * @param {string} binFile absolute path of the command's bin wrapper (`<package>/bin/<name>.js`)
 * @param {string} entry the command's source, relative to the bin wrapper
 */
export function commandPaths(binFile, entry) {
  const packageDir = dirname(dirname(binFile));
  const name = basename(binFile).replace(/\.[cm]?js$/, '');
  const distDir = join(packageDir, 'dist');
  return {
    name,
    packageDir,
    entryFile: resolve(dirname(binFile), entry),
    distDir,
    manifestFile: join(distDir, `${name}.build.json`),
  };
}

/**
 * The built main file when the manifest's inputs are all unchanged (same size and modification
 * time as when built), otherwise undefined. Reads the manifest and stats each input: no esbuild.
 * @param {string} manifestFile
 * @param {string} entryFile
 * @returns {string | undefined}
 */
export function freshBuild(manifestFile, entryFile) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest?.version !== MANIFEST_VERSION || manifest.entry !== entryFile) return undefined;
  const main = join(dirname(manifestFile), manifest.dir, 'main.js');
  if (!existsSync(main)) return undefined;
  for (const [file, seen] of Object.entries(manifest.inputs)) {
    let st;
    try {
      st = statSync(file);
    } catch {
      return undefined;
    }
    if (st.mtimeMs !== seen[0] || st.size !== seen[1]) return undefined;
  }
  return main;
}

/** Files under node_modules are external, except the workspace's own packages (symlinked, TypeScript). */
const isWorkspaceSource = (file) => !file.split(sep).includes('node_modules');

/**
 * esbuild plugin: a workspace file keeps its own `import.meta.url` (and dirname, filename), so
 * reads relative to it (templates, migrations, schemas, data files, worker entries) still find
 * the source tree rather than dist/.
 */
const sourceImportMeta = {
  name: 'waypoint-source-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      if (!isWorkspaceSource(args.path)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const ext = extname(args.path);
      const loader = ext === '.ts' || ext === '.mts' || ext === '.cts' ? 'ts' : ext === '.tsx' ? 'tsx' : 'js';
      if (!text.includes('import.meta')) return { contents: text, loader };
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader };
    });
  },
};

/**
 * esbuild plugin: packages from node_modules stay external (Node loads them as installed). An
 * import from another workspace package is pinned to the file it resolves to from there, since
 * that package may have its own nested copy (packages/returns/node_modules/ajv) that Node would
 * not find from this package's dist/.
 * @param {string} packageDir
 */
function externalPackages(packageDir) {
  return {
    name: 'waypoint-external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        if (args.path.startsWith('@waypoint/')) return undefined; // bundled: workspace TypeScript
        const inThisPackage = args.importer === '' || !relative(packageDir, args.importer).startsWith('..');
        if (inThisPackage) return { path: args.path, external: true };
        const found = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (found.errors.length > 0 || !isAbsolute(found.path)) return { path: args.path, external: true };
        return { path: pathToFileURL(found.path).href, external: true };
      });
    },
  };
}

function writeFileAtomic(file, text) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/**
 * Bundles one command: `entryFile` and the workspace sources it imports (static and dynamic,
 * dynamic imports becoming chunks) into a new `dist/<name>-<id>/`, then points the manifest at it
 * with an atomic rename. A process still running the previous build keeps its files: the build
 * before the previous one is removed.
 * @param {{ name: string, entryFile: string, distDir: string, manifestFile: string, packageDir: string }} paths
 * @returns {Promise<string>} the built main file
 */
export async function buildCommand(paths) {
  const esbuild = await import('esbuild');
  const esbuildPackage = fileURLToPath(import.meta.resolve('esbuild/package.json'));
  mkdirSync(paths.distDir, { recursive: true });
  const dir = `${paths.name}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const outdir = join(paths.distDir, dir);
  const result = await esbuild.build({
    entryPoints: { main: paths.entryFile },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: paths.packageDir,
    plugins: [externalPackages(paths.packageDir), sourceImportMeta],
  });
  const inputs = {};
  const files = [
    ...Object.keys(result.metafile.inputs).map((f) => resolve(paths.packageDir, f)),
    BUILDER_FILE,
    esbuildPackage,
  ];
  for (const file of files) {
    if (!isWorkspaceSource(file) && file !== esbuildPackage) continue;
    const st = statSync(file);
    inputs[file] = [st.mtimeMs, st.size];
  }
  const previous = readManifestDir(paths.manifestFile);
  writeFileAtomic(
    paths.manifestFile,
    `${JSON.stringify({ version: MANIFEST_VERSION, entry: paths.entryFile, dir, builtAt: new Date().toISOString(), inputs }, null, 1)}\n`,
  );
  // Keep the new build and the one before it (a running process may still load its chunks).
  for (const other of readdirSync(paths.distDir)) {
    if (buildDirOf(paths.name).test(other) && other !== dir && other !== previous)
      rmSync(join(paths.distDir, other), { recursive: true, force: true });
  }
  return join(outdir, 'main.js');
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const buildDirOf = (name) => new RegExp(`^${escape(name)}-[0-9a-z]+-[0-9a-f]{6}$`);

function readManifestDir(manifestFile) {
  try {
    return JSON.parse(readFileSync(manifestFile, 'utf8')).dir;
  } catch {
    return undefined;
  }
}

/**
 * The built main file for a command, building it first when it is missing or any input changed.
 * @param {string} binFile
 * @param {string} entry
 * @returns {Promise<{ main: string, built: boolean }>}
 */
export async function ensureBuilt(binFile, entry) {
  const paths = commandPaths(binFile, entry);
  const fresh = freshBuild(paths.manifestFile, paths.entryFile);
  if (fresh !== undefined) return { main: fresh, built: false };
  return { main: await buildCommand(paths), built: true };
}

/**
 * What every bin wrapper calls: `await launch(import.meta.url, '../src/cli.ts')` runs the built
 * command, building it first when needed (a build error is printed and exits 1).
 * @param {string} binUrl the wrapper's import.meta.url
 * @param {string} entry the command's source, relative to the wrapper
 */
export async function launch(binUrl, entry) {
  const binFile = fileURLToPath(binUrl);
  let main;
  try {
    ({ main } = await ensureBuilt(binFile, entry));
  } catch (err) {
    process.stderr.write(
      `${basename(binFile, '.js')}: could not build ${entry}:\n${describeBuildError(err)}\n`,
    );
    process.exit(1);
  }
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(main).href);
}

function describeBuildError(err) {
  if (err && Array.isArray(err.errors) && err.errors.length > 0)
    return err.errors
      .map((e) =>
        e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text,
      )
      .join('\n');
  return err instanceof Error ? err.message : String(err);
}

/** The entry a bin wrapper passes to launch(), read from its text. */
export function launchEntry(binFile) {
  const m = /launch\(\s*import\.meta\.url\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(readFileSync(binFile, 'utf8'));
  return m?.[1];
}

/**
 * Builds every command of every workspace package under `root` (each package.json's `bin` whose
 * wrapper calls launch()). Answers what it did, one line per command.
 * @param {string} root the repository root
 * @returns {Promise<{ name: string, built: boolean, ms: number }[]>}
 */
export async function buildAll(root) {
  const done = [];
  const packagesDir = join(root, 'packages');
  for (const pkg of readdirSync(packagesDir).sort()) {
    const packageJson = join(packagesDir, pkg, 'package.json');
    if (!existsSync(packageJson)) continue;
    const bins = JSON.parse(readFileSync(packageJson, 'utf8')).bin ?? {};
    for (const rel of Object.values(typeof bins === 'string' ? { [pkg]: bins } : bins)) {
      const binFile = join(packagesDir, pkg, rel);
      const entry = launchEntry(binFile);
      if (entry === undefined) continue;
      const started = performance.now();
      const { built } = await ensureBuilt(binFile, entry);
      done.push({ name: commandPaths(binFile, entry).name, built, ms: performance.now() - started });
    }
  }
  return done;
}
