import { readFileSync } from 'node:fs';

/** Linux reports thread CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds the calling thread has used, user and system, from `/proc/thread-self/stat`
 * (Linux; 10 ms resolution). Elsewhere it falls back to the whole process's CPU time, which
 * counts every thread. Used to report scoring speed per CPU second of the scoring threads only.
 *
 * @example const before = threadCpuSeconds(); work(); const used = threadCpuSeconds() - before;
 */
export function threadCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
}
