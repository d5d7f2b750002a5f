/**
 * A past inspection of the demo borough (all fictional), so the LA's and the inspector's pages
 * have one that has ended: a standard ILACS inspection that ran for two weeks about nine months
 * ago, the demo inspector on it, its Annex A lists produced from the record through the
 * inspection capability as the demo performance officer (so audited as any production is), and
 * the allocated demo child tracked from List 1. Nothing can be read through it now it has ended.
 * The audit is never back-dated, so its "what inspectors viewed" page is empty: the demo's current
 * inspection (demo-children.ts) is the one to try reads on. Idempotent: does nothing when the demo
 * LA already has an inspection that has ended.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { londonMidnight, nextDay, shiftDate, today } from '../http/forms/dates.ts';
import { produceAnnexA } from '../inspection/annex-a.ts';
import { PersonRecords } from '../records/person-records.ts';
import { DEMO_ACCOUNTS, DEMO_LA_CODE, type SeededDemo } from './demo-accounts.ts';
import { DEMO_CHILDREN } from './demo-children.ts';

export const DEMO_PAST_INSPECTION_NAME =
  'Inspection of local authority children’s services (fictional, earlier this year)';

function officer(demo: SeededDemo): Actor {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith('performance.officer@'));
  const userId = account === undefined ? undefined : demo.userIds[account.email];
  if (account === undefined || userId === undefined) throw new Error('no demo performance officer');
  return {
    userId,
    name: account.name,
    email: account.email,
    organisationId: demo.organisationIds[account.organisation],
    laCode: DEMO_LA_CODE,
    roles: ['performance_officer'],
    teamIds: [],
    via: 'cli',
  };
}

/** Seeds the past inspection once. */
export async function seedDemoPastInspection(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const actor = officer(demo);
  const inspector = demo.userIds[DEMO_ACCOUNTS.find((a) => a.email.startsWith('inspector@'))?.email ?? ''];
  if (inspector === undefined) throw new Error('no demo inspector');
  const firstDay = shiftDate(today(), { months: -9 });
  let lastDay = firstDay;
  for (let i = 0; i < 11; i++) lastDay = nextDay(lastDay);
  const id = await inTenant(db, DEMO_LA_CODE, async (tx) => {
    const ended = await tx
      .selectFrom('inspections')
      .select('id')
      .where('la_code', '=', DEMO_LA_CODE)
      .where('ends_at', '<=', new Date())
      .executeTakeFirst();
    if (ended !== undefined) return null;
    const row = await tx
      .insertInto('inspections')
      .values({
        la_code: DEMO_LA_CODE,
        kind: 'ilacs_standard',
        name: DEMO_PAST_INSPECTION_NAME,
        starts_at: londonMidnight(firstDay),
        ends_at: londonMidnight(nextDay(lastDay)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('inspection_inspectors')
      .values({ inspection_id: row.id, user_id: inspector, la_code: DEMO_LA_CODE, added_by: actor.userId })
      .execute();
    return row.id;
  });
  if (id === null) return;
  // The lists from the record, as any LA officer produces them (audited as a return's read).
  await produceAnnexA(new PersonRecords(db, actor, { ip: null, requestId: null }), id);
  await inTenant(db, DEMO_LA_CODE, async (tx) => {
    const child = DEMO_CHILDREN.allocated.id;
    const onList = await tx
      .selectFrom('inspection_annex_a_rows')
      .select('list_name')
      .where('inspection_id', '=', id)
      .where('person_id', '=', child)
      .executeTakeFirst();
    await tx
      .insertInto('inspection_samples')
      .values({
        inspection_id: id,
        person_id: child,
        la_code: DEMO_LA_CODE,
        source: onList === undefined ? 'la' : 'annex_a',
        added_by: onList === undefined ? actor.userId : inspector,
        added_at: londonMidnight(nextDay(firstDay)),
      })
      .execute();
  });
}
