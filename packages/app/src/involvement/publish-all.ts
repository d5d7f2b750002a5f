/**
 * Publishes everything the LA holds to the index, as a job per LA: derives each child's LA
 * services from the journey (records written without the journey's steps, such as the generated
 * demo borough, have none yet) and enqueues the publication of every live involvement. Each
 * publication is idempotent, so running it again republishes the same state. Used after the demo
 * is generated, and by an LA joining the index with records already held.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { enqueue, registerJob } from '../jobs/index.ts';
import { deriveLaServices } from './la-services.ts';
import { enqueuePublish } from './publish.ts';

export const INVOLVEMENT_PUBLISH_ALL = 'involvement.publish-all';

/** Enqueues publishing all of the tenant's involvements, once per `idempotencyKey`. */
export async function enqueuePublishAll(tx: Tx, idempotencyKey: string): Promise<void> {
  await enqueue(tx, INVOLVEMENT_PUBLISH_ALL, {}, { idempotencyKey });
}

/** Derives every child's LA services and enqueues every live involvement's publication; answers how many. */
export async function publishAll(tx: Tx, laCode: string): Promise<number> {
  const { rows: children } = await sql<{ person_id: string }>`
    select person_id from early_help_episodes where la_code = ${laCode}
    union select person_id from cin_plans where la_code = ${laCode}
    union select person_id from cp_plans where la_code = ${laCode}
    union select person_id from care_episodes where la_code = ${laCode}`.execute(tx);
  for (const c of children) await deriveLaServices(tx, laCode, c.person_id);
  const live = await tx
    .selectFrom('involvements')
    .select('id')
    .where('la_code', '=', laCode)
    .where('erased_at', 'is', null)
    .execute();
  for (const i of live) await enqueuePublish(tx, i.id);
  return children.length + live.length;
}

registerJob(
  INVOLVEMENT_PUBLISH_ALL,
  z.object({}),
  async (_payload, ctx) => {
    await ctx.inTenant((tx) => publishAll(tx, ctx.laCode));
  },
  { timeoutSeconds: 1_800 },
);
