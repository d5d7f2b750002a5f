/** Starts `waypoint serve` as its own process for benchmarks, and measures time to first healthy answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));

export interface RunningServer {
  proc: ChildProcess;
  baseUrl: string;
  /** Milliseconds from spawning the process to the first 200 from /health. */
  msToHealthy: number;
  /** Milliseconds from spawning to the first 200 from GET / (the first page). */
  msToFirstPage: number;
  /** Waits for /health/ready (the background demo complete); ms from spawning. */
  waitReady(): Promise<number>;
  /** CPU seconds (user + system) the server has used so far, from /proc (Linux). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** user + system CPU of a process, in seconds, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function startServer(env: Record<string, string>, port: number): Promise<RunningServer> {
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server of any bench
  // (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const proc = spawn(process.execPath, [...nodeArgs, bin, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exited = false;
  proc.on('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('server exited before becoming healthy');
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const msToHealthy = performance.now() - started;
  for (;;) {
    if (exited) throw new Error('server exited before its first page');
    const res = await fetch(`${baseUrl}/`);
    await res.arrayBuffer();
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const msToFirstPage = performance.now() - started;
  return {
    proc,
    baseUrl,
    msToHealthy,
    msToFirstPage,
    waitReady: async () => {
      for (;;) {
        if (exited) throw new Error('server exited before it was ready');
        const res = await fetch(`${baseUrl}/health/ready`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    cpuSeconds: () => cpuOf(proc.pid!),
    stop: () =>
      new Promise((resolve) => {
        if (exited) {
          resolve();
          return;
        }
        proc.on('exit', () => {
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}
