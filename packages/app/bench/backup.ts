/**
 * `npx tsx packages/app/bench/backup.ts`: an encrypted backup and its restore at an LA's scale.
 * A fictional LA from the generator (`--children`, default 1,000) in PGlite in a temporary
 * directory, then `waypoint backup` and `waypoint restore` (into another empty directory) as real
 * processes under `/usr/bin/time`, so each one's wall time and peak memory (max RSS) are its own,
 * not the generator's. Prints rows, tables, the file's size, each command's seconds and peak
 * memory, and the machine's load. Run it at two sizes to see that memory does not grow with the
 * data (the file is written and read in 64 KiB parts). PGlite only.
 * Options: --children N, --seed N.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { generateFictionalLas } from '../src/seed/generate/index.ts';

const { values } = parseArgs({
  options: { children: { type: 'string', default: '1000' }, seed: { type: 'string', default: '7' } },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const bin = fileURLToPath(new URL('../bin/waypoint.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-backup-'));
const source = join(dir, 'source');
const target = join(dir, 'target');

log(`generating a fictional LA of ${values.children} children (PGlite)…`);
const database = await openDatabase({ databaseUrl: undefined, dataDir: source });
await migrate(database.db);
await generateFictionalLas(database.db, { children: Number(values.children), seed: Number(values.seed) });
await database.close();

/** Runs a waypoint command under /usr/bin/time: its output, seconds and peak memory in MB. */
function timed(dataDir: string, args: string[]): { stdout: string; seconds: number; peakMb: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', WAYPOINT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  log(`waypoint ${args[0] ?? ''}…`);
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, bin, ...args], {
    env,
    encoding: 'utf8',
  });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || m === null) throw new Error(`waypoint ${args.join(' ')} failed:\n${r.stderr}`);
  return { stdout: r.stdout, seconds: Number(m[1]), peakMb: Math.round(Number(m[2]) / 1024) };
}

const file = join(dir, 'la.backup');
const backup = timed(source, ['backup', '--out', file, '--keys-out', join(dir, 'la.keys')]);
const restore = timed(target, ['restore', '--in', file, '--keys', join(dir, 'la.keys')]);
const rows = /([\d,]+) rows in (\d+) tables/.exec(backup.stdout);
const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
process.stdout.write(
  [
    `children: ${values.children}, rows: ${rows?.[1] ?? '?'} in ${rows?.[2] ?? '?'} tables, backup file ${mb} MB (encrypted)`,
    `waypoint backup:  ${backup.seconds.toFixed(1)} s, peak memory ${backup.peakMb} MB`,
    `waypoint restore: ${restore.seconds.toFixed(1)} s, peak memory ${restore.peakMb} MB (${restore.stdout.split('\n').find((l) => l.startsWith('Audit')) ?? ''})`,
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
    '',
  ].join('\n'),
);
rmSync(dir, { recursive: true, force: true });
