/**
 * launch(): a command is built into dist/ on first run, run from there, left alone while its
 * inputs are unchanged, rebuilt when one changes, and reads relative to import.meta.url still
 * find the source tree. Each test builds a small real package in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAll, commandPaths, ensureBuilt, freshBuild } from '../src/index.js';

const buildPackage = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** root/packages/tool with bin/tool.js → ../src/cli.ts, which imports a helper and reads data.txt. */
function fixture(): { root: string; pkg: string; bin: string } {
  const root = mkdtempSync(join(tmpdir(), 'waypoint-build-test-'));
  dirs.push(root);
  const pkg = join(root, 'packages', 'tool');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  mkdirSync(join(pkg, 'src'), { recursive: true });
  mkdirSync(join(root, 'node_modules', '@waypoint'), { recursive: true });
  symlinkSync(buildPackage, join(root, 'node_modules', '@waypoint', 'build'));
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'tool', type: 'module', bin: { tool: 'bin/tool.js' } }),
  );
  const bin = join(pkg, 'bin', 'tool.js');
  writeFileSync(
    bin,
    "import { launch } from '@waypoint/build';\n\nawait launch(import.meta.url, '../src/cli.ts');\n",
  );
  writeFileSync(join(pkg, 'src', 'greeting.ts'), "export const greeting: string = 'hello';\n");
  writeFileSync(join(pkg, 'data.txt'), 'from the source tree\n');
  writeFileSync(
    join(pkg, 'src', 'cli.ts'),
    [
      "import { readFileSync } from 'node:fs';",
      "import { greeting } from './greeting.ts';",
      "const data = readFileSync(new URL('../data.txt', import.meta.url), 'utf8').trim();",
      "const { later } = await import('./later.ts');",
      'console.log(`${greeting} ${process.argv[2] ?? ""} | ${data} | ${later()}`);',
      '',
    ].join('\n'),
  );
  writeFileSync(join(pkg, 'src', 'later.ts'), "export const later = (): string => 'lazy chunk';\n");
  return { root, pkg, bin };
}

const run = (bin: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { out: r.stdout.trim(), err: r.stderr, status: r.status };
};

describe('launch', () => {
  it('builds on first run, runs the build, and keeps import.meta.url reads in the source tree', () => {
    const { pkg, bin } = fixture();
    const first = run(bin, 'world');
    expect(first.err).toBe('');
    expect(first.out).toBe('hello world | from the source tree | lazy chunk');
    const paths = commandPaths(bin, '../src/cli.ts');
    const main = freshBuild(paths.manifestFile, paths.entryFile);
    expect(main).toBeDefined();
    // The dynamic import became a chunk beside main.js; sources are not read at run time.
    expect(readdirSync(join(main!, '..')).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
    expect(readFileSync(main!, 'utf8')).not.toContain('greeting: string');
    expect(readdirSync(join(pkg, 'dist'))).toContain('tool.build.json');
  });

  it('does not rebuild while the inputs are unchanged, and rebuilds when one changes', async () => {
    const { pkg, bin } = fixture();
    expect((await ensureBuilt(bin, '../src/cli.ts')).built).toBe(true);
    const again = await ensureBuilt(bin, '../src/cli.ts');
    expect(again.built).toBe(false);
    writeFileSync(join(pkg, 'src', 'greeting.ts'), "export const greeting: string = 'hi';\n");
    const later = new Date(Date.now() + 2000);
    utimesSync(join(pkg, 'src', 'greeting.ts'), later, later);
    expect(run(bin, 'there').out).toBe('hi there | from the source tree | lazy chunk');
    const rebuilt = await ensureBuilt(bin, '../src/cli.ts');
    expect(rebuilt.built).toBe(false);
    expect(rebuilt.main).not.toBe(again.main);
  });

  it('rebuilds when the manifest or the output is missing', async () => {
    const { pkg, bin } = fixture();
    const { main } = await ensureBuilt(bin, '../src/cli.ts');
    rmSync(join(main, '..'), { recursive: true });
    expect((await ensureBuilt(bin, '../src/cli.ts')).built).toBe(true);
    rmSync(join(pkg, 'dist', 'tool.build.json'));
    expect((await ensureBuilt(bin, '../src/cli.ts')).built).toBe(true);
  });

  it('prints the build error with its place and exits 1', () => {
    const { pkg, bin } = fixture();
    writeFileSync(join(pkg, 'src', 'greeting.ts'), 'export const greeting = ;\n');
    const r = run(bin);
    expect(r.status).toBe(1);
    expect(r.err).toContain('could not build ../src/cli.ts');
    expect(r.err).toContain('greeting.ts:1:');
  });

  it('buildAll builds every command that launches, and keeps at most two builds', async () => {
    const { root, pkg, bin } = fixture();
    expect((await buildAll(root)).map((c) => [c.name, c.built])).toEqual([['tool', true]]);
    expect((await buildAll(root)).map((c) => [c.name, c.built])).toEqual([['tool', false]]);
    for (let i = 0; i < 3; i++) {
      const t = new Date(Date.now() + 5000 * (i + 1));
      utimesSync(join(pkg, 'src', 'cli.ts'), t, t);
      await ensureBuilt(bin, '../src/cli.ts');
    }
    expect(readdirSync(join(pkg, 'dist')).filter((f) => f.startsWith('tool-')).length).toBe(2);
  });
});
