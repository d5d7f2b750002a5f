/**
 * `waypoint seed [--children N] [--seed S] [--long-child] [--corpus FILE] [--today YYYY-MM-DD]`:
 * generates the fictional Waypoint Demo Borough (LA 990, N children) and its neighbour (LA 991, a
 * twentieth as many) in the configured database, through the domain model. Same seed (and today),
 * same data. Progress and a summary on stderr. An LA generated before is left alone. Refused when
 * NODE_ENV=production (the default when DATABASE_URL is set).
 */
import { createWriteStream } from 'node:fs';
import type { Progress } from '../seed/generate/index.ts';
import { exitOnKnownError, openFromEnv } from './context.ts';

export interface SeedOptions {
  children: string;
  seed: string;
  longChild?: boolean;
  corpus?: string;
  today?: string;
  quiet?: boolean;
}

const err = (s: string) => process.stderr.write(`${s}\n`);

export function progressLine(p: Progress): string {
  const rate = p.ms > 0 ? (p.children / (p.ms / 1000)).toFixed(0) : '–';
  return `LA ${p.laCode}: ${p.children.toLocaleString('en-GB')} / ${p.total.toLocaleString('en-GB')} children, ${p.people.toLocaleString('en-GB')} people, ${p.events.toLocaleString('en-GB')} records (${rate} children/s, ${(p.ms / 1000).toFixed(0)} s)`;
}

export async function seedCommand(opts: SeedOptions): Promise<void> {
  const children = Number(opts.children);
  const seed = Number(opts.seed);
  if (!Number.isInteger(children) || children < 1 || children > 1_000_000) {
    err('waypoint seed: --children must be a whole number from 1 to 1,000,000');
    process.exit(2);
  }
  if (!Number.isInteger(seed)) {
    err('waypoint seed: --seed must be a whole number');
    process.exit(2);
  }
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
    err('waypoint seed: --today must be YYYY-MM-DD');
    process.exit(2);
  }
  const { config, database } = await openFromEnv();
  if (config.env === 'production') {
    err(
      'waypoint seed: refused when NODE_ENV=production, the default when DATABASE_URL is set (it creates fictional people and demo accounts); set NODE_ENV=development for a development database',
    );
    await database.close();
    process.exit(1);
  }
  // Loaded only for this command: the generator pulls in the journey domain.
  const { migrate } = await import('../db/migrate.ts');
  const { generateFictionalLas } = await import('../seed/generate/index.ts');
  const { describeSummary, summarise } = await import('../seed/generate/summary.ts');
  const corpus = opts.corpus === undefined ? undefined : createWriteStream(opts.corpus);
  try {
    await migrate(database.db);
    const results = await generateFictionalLas(database.db, {
      children,
      seed,
      ...(opts.today !== undefined ? { today: opts.today } : {}),
      ...(opts.longChild ? { longChild: true } : {}),
      concurrency: database.engine === 'postgres' ? 4 : 1,
      ...(corpus !== undefined ? { onCorpus: (l) => corpus.write(`${JSON.stringify(l)}\n`) } : {}),
      ...(opts.quiet ? {} : { onProgress: (p) => err(progressLine(p)) }),
    });
    // CP-IS: the generated plans' and care's flags are derived (and published to the index) by the
    // daily derivation, enqueued now for each LA generated, so the next `waypoint serve` (or
    // `waypoint jobs run`) runs it at once instead of at 00:15.
    const { inTenant } = await import('../db/tenant.ts');
    const { enqueue } = await import('../jobs/index.ts');
    const { CPIS_REDERIVE } = await import('../cpis/jobs.ts');
    const { today } = await import('../http/forms/dates.ts');
    for (const r of results)
      if (!r.skipped)
        await inTenant(database.db, r.laCode, (tx) =>
          enqueue(tx, CPIS_REDERIVE, {}, { idempotencyKey: `seeded@${today()}` }),
        );
    for (const r of results) {
      if (r.skipped) err(`LA ${r.laCode}: generated before; left as it is`);
      else err(describeSummary(await summarise(database.db, r.laCode)));
      if (r.longChildId !== null) err(`  the child with a long history: /children/${r.longChildId}`);
    }
  } catch (e) {
    await database.close();
    exitOnKnownError(e);
  } finally {
    if (corpus !== undefined) await new Promise((resolve) => corpus.end(resolve));
  }
  await database.close();
}
