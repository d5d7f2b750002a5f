#!/usr/bin/env node
// `waypoint-build`: builds every package's commands into their dist/ (what `npm install` runs
// through the root `prepare` script). Each command also rebuilds itself when a source changed.
import { fileURLToPath } from 'node:url';
import { buildAll } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const quiet = process.argv.includes('--quiet');
try {
  for (const { name, built, ms } of await buildAll(root))
    if (!quiet || built)
      process.stdout.write(
        `waypoint-build: ${name} ${built ? `built in ${Math.round(ms)} ms` : 'up to date'}\n`,
      );
} catch (err) {
  process.stderr.write(`waypoint-build: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
