/**
 * One process at a time may open an embedded (PGlite) data directory: a second one would corrupt
 * it. The lock is a file holding the owner's pid, created exclusively; a lock left by a process that
 * no longer exists is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export interface DataDirLock {
  release(): void;
}

/** Takes the lock on `dir`, creating the directory if needed. @throws DataDirInUseError */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'waypoint.lock');
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
        throw new DataDirInUseError(
          `The data directory ${dir} is already in use by another Waypoint process (pid ${owner}). ` +
            'Stop that process, or set WAYPOINT_DATA_DIR to another directory.',
        );
      }
      rmSync(file, { force: true }); // stale: its owner has gone
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
