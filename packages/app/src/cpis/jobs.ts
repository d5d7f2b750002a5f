/**
 * CP-IS's jobs: deriving a child's flags after a plan or care step commits, re-deriving every
 * flag daily (the 12-month look-back ends without anybody recording anything), and telling the
 * data team the day a child enters scope without a verified NHS number.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { today } from '../http/forms/dates.ts';
import { enqueue, registerJob } from '../jobs/index.ts';
import { derivePerson } from './derive.ts';
import { enqueuePublishFlags } from './publish.ts';
import { gapReasonLabels, scopeRows } from './gaps.ts';
import { flagKindLabels } from './scope.ts';
import './tables.ts';

export const CPIS_DERIVE = 'cpis.derive';
export const CPIS_REDERIVE = 'cpis.rederive';
export const CPIS_GAP_ALERT = 'cpis.gap-alert';

/** The journey steps that start, change or end a plan or care, after which flags are derived. */
export const planAndCareSteps: ReadonlySet<string> = new Set([
  'initial-conference',
  'transfer-in-conference',
  'review-conference',
  'closure',
  'care-start',
  'care-change',
  'care-end',
]);

/**
 * Enqueues the derivation of `personId`'s flags in `tx` (the transaction of the step, or of an
 * identity change: a birth, a new NHS number), run after commit, in order per child.
 */
export async function enqueueDerive(tx: Tx, personId: string): Promise<void> {
  await enqueue(tx, CPIS_DERIVE, { personId }, { key: `cpis:${personId}` });
}

/**
 * After a change of identity (a birth, a date of birth, an NHS number) in `tx`: the person's
 * flags are derived again, and so are those of any unborn child whose flag their NHS number keys.
 */
export async function afterIdentityChange(tx: Tx, personId: string): Promise<void> {
  const keyed = await tx
    .selectFrom('cpis_flags')
    .select('person_id')
    .distinct()
    .where('key_person_id', '=', personId)
    .where('person_id', '<>', personId)
    .execute();
  for (const id of [personId, ...keyed.map((k) => k.person_id)]) await enqueueDerive(tx, id);
}

/** The LA's CP-IS data team: its performance and data officers (the `manage_cpis` role). */
export async function dataTeamOf(tx: Tx, laCode: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select distinct u.id from users u join user_roles r on r.user_id = u.id
      where u.la_code = ${laCode} and u.active and r.role = 'performance_officer'`.execute(tx);
  return rows.map((r) => r.id);
}

registerJob(
  CPIS_DERIVE,
  z.object({ personId: z.uuid() }),
  async ({ personId }, ctx) => {
    await ctx.inTenant((tx) => derivePerson(tx, personId, today()));
  },
  { maxAttempts: 10, backoff: { baseMs: 2_000, maxMs: 600_000 } },
);

registerJob(
  CPIS_REDERIVE,
  z.object({}),
  async (_payload, ctx) => {
    // Everyone who has, or may have, a flag: a plan or care in the last 13 months, or a flag now.
    const ids = await ctx.inTenant(async (tx) => {
      const { rows } = await sql<{ id: string }>`
        select person_id as id from cp_plans where ended_on is null or ended_on >= current_date - 400
        union select person_id from care_episodes where ended_on is null or ended_on >= current_date - 400
        union select person_id from cpis_flags`.execute(tx);
      return rows.map((r) => r.id);
    });
    const day = today();
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200);
      await ctx.inTenant(async (tx) => {
        for (const id of batch) {
          const r = await derivePerson(tx, id, day);
          // Unchanged flags are published again once a day (derivePerson publishes a change): a
          // new index, or one under a rotated key, holds every flag within a day.
          if (r.changed.length === 0 && r.removed.length === 0) await enqueuePublishFlags(tx, id);
        }
      });
    }
  },
  { recurring: { cron: '15 0 * * *', timezone: 'Europe/London' }, timeoutSeconds: 1_800 },
);

registerJob(
  CPIS_GAP_ALERT,
  z.object({}),
  async (_payload, ctx) => {
    await ctx.inTenant(async (tx) => {
      const day = today();
      const gaps = (await scopeRows(tx, { enteredSince: day })).filter((r) => r.gap !== null);
      if (gaps.length === 0) return;
      const team = await dataTeamOf(tx, ctx.laCode);
      for (const g of gaps) {
        const message =
          `Entered CP-IS scope on ${day} (${flagKindLabels[g.kind]}) without a verified NHS number: ` +
          `${gapReasonLabels[g.gap ?? 'unverified']}. Unscheduled care cannot see this flag until it is fixed.`;
        for (const recipient of team) {
          // Once per child, kind and day, however often the alert runs.
          const told = await tx
            .selectFrom('notifications')
            .select('id')
            .where('recipient_user_id', '=', recipient)
            .where('kind', '=', 'cpis_gap')
            .where('person_id', '=', g.personId)
            .where('message', '=', message)
            .executeTakeFirst();
          if (told !== undefined) continue;
          await tx
            .insertInto('notifications')
            .values({
              la_code: ctx.laCode,
              recipient_user_id: recipient,
              kind: 'cpis_gap',
              person_id: g.personId,
              message,
            })
            .execute();
        }
      }
    });
  },
  // Every hour, so the data team hears on the day, whatever time the plan was recorded.
  { recurring: { cron: '5 * * * *', timezone: 'Europe/London' } },
);
