/**
 * The generated part of the demo: on the first `waypoint serve`, 300 fictional children with
 * families and journeys in the Waypoint Demo Borough (990) and 15 in its neighbour (991), seed 1.
 * Does nothing once they exist, so later starts are as fast as before.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { DEMO_LA_CODE } from '../demo-accounts.ts';
import { generateFictionalLas, isGenerated } from './index.ts';

export const DEMO_GENERATED_CHILDREN = 300;

export async function generateDemoBorough(db: Kysely<Schema>): Promise<void> {
  if (await isGenerated(db, DEMO_LA_CODE)) return;
  const started = performance.now();
  process.stderr.write(
    `Generating the demo borough: ${DEMO_GENERATED_CHILDREN} fictional children (first start only)…\n`,
  );
  await generateFictionalLas(db, { children: DEMO_GENERATED_CHILDREN, seed: 1 });
  process.stderr.write(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
}
