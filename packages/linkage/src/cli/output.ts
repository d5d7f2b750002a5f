import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from './errors.ts';

/** Quote a CSV field when it needs it. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Refuse, before any work, an output path whose directory does not exist. */
export function checkOutputPath(path: string, option: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new InputError(`${option} ${path}: directory ${dir} does not exist`);
}

/**
 * Write several files all or nothing: each goes to a temporary file beside it, and only when every
 * one is written are they renamed into place. On failure the temporary files are removed.
 */
export function writeAll(files: readonly { path: string; content: () => string }[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = `${f.path}.tmp-${process.pid}`;
      temps.push(temp);
      writeFileSync(temp, f.content());
    }
    files.forEach((f, k) => {
      renameSync(temps[k]!, f.path);
    });
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
}
