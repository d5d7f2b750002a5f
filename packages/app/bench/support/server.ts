/** Starts `waypoint serve` as its own process for benchmarks, and measures time to first healthy answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));

export interface RunningServer {
  proc: ChildProcess;
  baseUrl: string;
  /** Milliseconds from spawning the process to the first 200 from /health. */
  msToHealthy: number;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, port: number): Promise<RunningServer> {
  const started = performance.now();
  const proc = spawn(process.execPath, [bin, 'serve'], {
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
  return {
    proc,
    baseUrl,
    msToHealthy,
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
