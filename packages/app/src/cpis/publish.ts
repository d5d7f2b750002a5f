/**
 * Publishing a child's CP-IS flags to the involvement index: a job (`cpis.publish`, in order per
 * child, urgent so an emergency department sees a new plan before any bulk work) enqueued in the
 * transaction that derived them (`derive.ts`), and daily for every child with flags (the daily
 * re-derivation: a new index, or a rotated key, is filled again within a day). The job reads the
 * flags as they are when it runs, so a later change never loses to an earlier one; the version
 * is the time of publishing, and the index ignores an older one.
 */
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { refusedIsPermanent } from '../involvement/index-refusal.ts';
import { enqueue, registerJob } from '../jobs/index.ts';
import { flagIndexPort, type FlagSet } from './flag-index.ts';
import './tables.ts';

export const CPIS_PUBLISH = 'cpis.publish';

/** Enqueues the publication of `personId`'s flags in `tx`, after commit. */
export async function enqueuePublishFlags(tx: Tx, personId: string): Promise<void> {
  await enqueue(tx, CPIS_PUBLISH, { personId }, { key: `cpis-publish:${personId}` });
}

/**
 * The child's flags as they stand, ready to publish: those with a valid NHS number (the others
 * cannot be found by unscheduled care, and are the data team's gaps). Null without a council.
 */
export async function flagSetOf(tx: Tx, laCode: string, personId: string): Promise<FlagSet | null> {
  const council = await tx
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('la_code', '=', laCode)
    .where('kind', '=', 'local_authority')
    .orderBy('created_at')
    .executeTakeFirst();
  if (council === undefined) return null;
  const rows = await tx
    .selectFrom('cpis_flags as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select([
      'f.kind',
      'f.nhs_number',
      'f.key_date_of_birth',
      'f.started_on',
      'f.ended_on',
      'p.expected_date_of_birth',
      'p.is_restricted',
    ])
    .where('f.person_id', '=', personId)
    .where('f.nhs_number', 'is not', null)
    .orderBy('f.kind')
    .execute();
  return {
    laCode,
    personId,
    council,
    version: Date.now(),
    flags: rows.map((r) => ({
      kind: r.kind,
      nhsNumber: r.nhs_number!,
      keyDateOfBirth: r.key_date_of_birth,
      since: r.started_on,
      until: r.ended_on,
      expectedDateOfBirth: r.kind === 'unborn-cpp' ? r.expected_date_of_birth : null,
      restricted: r.is_restricted,
    })),
  };
}

registerJob(
  CPIS_PUBLISH,
  z.object({ personId: z.uuid() }),
  async ({ personId }, ctx) => {
    const set = await ctx.inTenant((tx) => flagSetOf(tx, ctx.laCode, personId));
    if (set === null) return;
    const port = flagIndexPort();
    // Retried with backoff until the index is reachable: never lost.
    if (port === null) throw new Error('this process has no involvement index to publish CP-IS flags to');
    await refusedIsPermanent(() => port.publish(set));
  },
  { urgent: true, maxAttempts: 20, backoff: { baseMs: 2_000, maxMs: 600_000 } },
);
