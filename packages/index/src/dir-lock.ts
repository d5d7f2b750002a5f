/**
 * One process at a time may open the index's embedded (PGlite) directory: a second one would
 * corrupt it. The lock is a file holding the owner's pid, created exclusively; a lock left by a
 * process that no longer exists is taken over. (The same rule as the app's own data directory.)
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The directory is held by another live process. */
export class IndexDirInUseError extends Error {
  override name = 'IndexDirInUseError';
}

export interface IndexDirLock {
  release(): void;
}

/** Takes the lock on `dir` (created if missing). @throws IndexDirInUseError */
export function lockIndexDir(dir: string): IndexDirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'waypoint-index.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release: () => {
          rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new IndexDirInUseError(
          `The involvement index's directory ${dir} is already in use by another process (pid ${owner}); ` +
            'two processes on one PGlite directory corrupt it. Stop that process, or run the index as ' +
            'its own server (waypoint index serve) and reach it over HTTP (WAYPOINT_INDEX_URL).',
        );
      }
      rmSync(file, { force: true }); // stale: its owner has gone
    }
  }
  throw new IndexDirInUseError(`Could not lock the involvement index's directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
