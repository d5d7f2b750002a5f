/**
 * One process per PGlite directory: a second opening of the same index directory (here, in this
 * process, as `waypoint serve` and `waypoint jobs run` would across two) is refused with a clear
 * error while the first holds it; closing releases it; a lock left by a process that is gone is
 * taken over. PGlite only (a PostgreSQL index has no directory), so it runs on both passes alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexDirInUseError } from '../src/dir-lock.ts';
import { openIndex } from '../src/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'waypoint-index-lock-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the index’s PGlite directory', () => {
  it('refuses a second opening while the first holds it, naming the directory, the owner and what to do', async () => {
    const first = await openIndex({ dataDir: dir });
    const second = openIndex({ dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(IndexDirInUseError);
    await expect(second).rejects.toThrow(
      new RegExp(`${dir}.*in use by another process \\(pid ${process.pid}\\).*WAYPOINT_INDEX_URL`),
    );
    // The first is unharmed by the refused attempt.
    expect(await first.client.notices({ organisationId: 'org-1', after: null })).toEqual([]);
    await first.close();
    expect(existsSync(join(dir, 'waypoint-index.lock'))).toBe(false);
    const again = await openIndex({ dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that has gone', async () => {
    // A pid that existed and has exited: a child process that ran and ended.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(dir, 'waypoint-index.lock'), gone.stdout.toString());
    const opened = await openIndex({ dataDir: dir });
    await opened.close();
  });
});
