/**
 * CP-IS in the demo: the demo social worker's child (Jayden Okafor, with an NHS number) is on a
 * child protection plan, so the demo emergency department clinician finds a flag and the worker is
 * told; the generated borough's children are derived once it has been generated. Fictional.
 * Idempotent: a child already on a plan is left as it is.
 */
import type { Kysely } from 'kysely';
import { derivePerson } from '../cpis/derive.ts';
import { CPIS_REDERIVE } from '../cpis/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { today } from '../http/forms/dates.ts';
import { enqueue } from '../jobs/index.ts';
import { DEMO_ACCOUNTS, DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE, type SeededDemo } from './demo-accounts.ts';
import { DEMO_CHILDREN } from './demo-children.ts';

const daysAgo = (n: number) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

/** Puts the demo social worker's child on a plan (two months ago) and derives the flag. */
export async function seedDemoCpis(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const worker = demo.userIds[DEMO_ACCOUNTS.find((a) => a.role === 'social_worker')!.email]!;
  const child = DEMO_CHILDREN.allocated.id;
  await inTenant(db, DEMO_LA_CODE, async (tx) => {
    const person = await tx.selectFrom('people').select('id').where('id', '=', child).executeTakeFirst();
    if (person === undefined) return;
    const planned = await tx
      .selectFrom('cp_plans')
      .select('id')
      .where('person_id', '=', child)
      .executeTakeFirst();
    if (planned === undefined) {
      const episode = await tx
        .insertInto('cin_episodes')
        .values({
          la_code: DEMO_LA_CODE,
          person_id: child,
          referral_on: daysAgo(100),
          source: '2A',
          primary_need: 'N1',
          reason: 'Fictional: the school reported bruising.',
          recorded_by: worker,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const conference = await tx
        .insertInto('conferences')
        .values({
          la_code: DEMO_LA_CODE,
          person_id: child,
          cin_episode_id: episode.id,
          kind: 'initial',
          held_on: daysAgo(60),
          decision: 'plan',
          category: 'PHY',
          reason: 'Fictional: injuries not explained.',
          recorded_by: worker,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('cp_plans')
        .values({
          la_code: DEMO_LA_CODE,
          person_id: child,
          cin_episode_id: episode.id,
          conference_id: conference.id,
          started_on: daysAgo(60),
          initial_category: 'PHY',
          latest_category: 'PHY',
        })
        .execute();
    }
    await derivePerson(tx, child, today());
  });
}

/** After the demo borough is generated: every demo LA's flags derived, by the daily job run now. */
export async function deriveDemoBorough(db: Kysely<Schema>): Promise<void> {
  for (const la of [DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE])
    await inTenant(db, la, (tx) =>
      enqueue(tx, CPIS_REDERIVE, {}, { idempotencyKey: `demo-generated@${today()}` }),
    );
}
