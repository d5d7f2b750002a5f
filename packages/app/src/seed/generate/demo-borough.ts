/**
 * The generated part of the demo: 300 fictional children with families and journeys in the
 * Waypoint Demo Borough (990) and 15 in its neighbour (991), seed 1. `waypoint serve` generates it
 * in the background after it starts listening, reporting progress in a DemoStatus (the home page's
 * banner, `GET /health/ready`). Stopped part-way (Ctrl+C), the next start carries on; once
 * complete, later starts only check that it is.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { generateFictionalLas } from './index.ts';

export const DEMO_GENERATED_CHILDREN = 300;

export type DemoState = 'generating' | 'ready' | 'failed';

/** What the demo generation is doing, for the home page and the readiness check. */
export class DemoStatus {
  state: DemoState = 'generating';
  /** Children written so far, of `total`, across both LAs. */
  children = 0;
  readonly total: number;
  error: string | undefined;
  /** Whether this start wrote any of the borough (false on a restart that found it complete). */
  generatedNow = false;

  constructor(total: number) {
    this.total = total;
  }

  get percent(): number {
    return this.total === 0 ? 100 : Math.min(100, Math.floor((this.children / this.total) * 100));
  }
}

/** A status for a server with no demo to generate (production, or seeding turned off). */
export function readyStatus(): DemoStatus {
  const s = new DemoStatus(0);
  s.state = 'ready';
  return s;
}

export function demoStatus(): DemoStatus {
  return new DemoStatus(DEMO_GENERATED_CHILDREN + Math.max(5, Math.ceil(DEMO_GENERATED_CHILDREN / 20)));
}

/**
 * Generates (or finishes) the demo borough, updating `status`. Resolves when done or stopped by
 * `signal`; a failure is kept in the status and thrown for the caller to log.
 */
export async function generateDemoBorough(
  db: Kysely<Schema>,
  status: DemoStatus = demoStatus(),
  opts: {
    signal?: AbortSignal;
    log?: (line: string) => void;
    /** Runs before the status says ready (the server's planner statistics), so /health/ready waits for it. */
    beforeReady?: () => Promise<void>;
  } = {},
): Promise<DemoStatus> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  let announced = false;
  const done = new Map<string, number>();
  try {
    const results = await generateFictionalLas(db, {
      children: DEMO_GENERATED_CHILDREN,
      seed: 1,
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
      onProgress: (p) => {
        if (!announced) {
          announced = true;
          log(
            `Generating the demo borough in the background: ${status.total} fictional children (first start only)…`,
          );
        }
        done.set(p.laCode, p.children);
        status.children = [...done.values()].reduce((a, b) => a + b, 0);
      },
    });
    status.children = status.total;
    status.generatedNow = results.some((r) => !r.skipped);
    // On a restart that found the borough complete, nothing changed since the last statistics.
    if (status.generatedNow) await opts.beforeReady?.();
    status.state = 'ready';
    if (status.generatedNow)
      log(`Demo borough generated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (err) {
    if (opts.signal?.aborted === true) {
      log('Demo generation stopped; the next start carries on.');
      return status;
    }
    status.state = 'failed';
    status.error = err instanceof Error ? err.message : String(err);
    throw err;
  }
  return status;
}
