/**
 * The LA's own involvement with a child, derived from the journey record and never re-keyed: each
 * early help episode, child in need plan, child protection plan and care episode is one
 * involvement (source `la_service`) of the council's organisation, dated as the journey row is,
 * with the allocated worker as its contact; leaving care is derived from the care episodes (left
 * care at 16 or over after 13 weeks since the 14th birthday: to the 21st birthday). Youth justice
 * is not derived: the record holds no youth justice step (the youth justice service records its
 * own involvement as a partner). A job after each journey step re-derives the child's
 * and publishes what changed (in order, per involvement); a row gone from the journey withdraws it.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { LaService } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { enqueue, registerJob } from '../jobs/index.ts';
import { getLaSettings } from '../la-settings/get-settings.ts';
import { enqueuePublish } from './publish.ts';
import { laServices } from './words.ts';

export const LA_SERVICES_DERIVE = 'involvement.la-services';

/** Journey steps that record nothing an LA service is derived from. */
const notServiceSteps: ReadonlySet<string> = new Set([
  'visit',
  'note',
  'goal',
  'timescale',
  'plan-review',
  'missing',
]);

/** Enqueues the derivation of `personId`'s LA services after `stepKind` was recorded in `tx`. */
export async function enqueueLaServices(tx: Tx, personId: string, stepKind: string): Promise<void> {
  if (notServiceSteps.has(stepKind)) return;
  await enqueue(tx, LA_SERVICES_DERIVE, { personId }, { key: `la-services:${personId}` });
}

interface Derived {
  sourceId: string;
  service: LaService;
  startedOn: string;
  endedOn: string | null;
}

/** The services the journey shows for the child, one per journey row. */
async function servicesOf(tx: Tx, personId: string): Promise<Derived[]> {
  const { rows } = await sql<{ id: string; service: LaService; started_on: string; ended_on: string | null }>`
    select id, 'early_help' as service, started_on::text, ended_on::text from early_help_episodes where person_id = ${personId}
    union all
    select id, 'child_in_need', started_on::text, ended_on::text from cin_plans where person_id = ${personId}
    union all
    select id, 'child_protection', started_on::text, ended_on::text from cp_plans where person_id = ${personId}
    union all
    select id, 'looked_after', started_on::text, ended_on::text from care_episodes where person_id = ${personId}
    union all
    -- Leaving care (Children (Leaving Care) Act 2000): a child who left care at 16 or over, having
    -- been looked after for at least 13 weeks since their 14th birthday, is a relevant and then
    -- former relevant child, with a personal adviser, to their 21st birthday (25 on request: not
    -- recorded yet). One involvement per child, its id derived from the child's, from the day care
    -- ended; a return to care withdraws it until care ends again.
    select md5('care_leaver:' || p.id::text)::uuid, 'care_leaver', c.last_end::text,
      ((p.date_of_birth + interval '21 years')::date - 1)::text
    from people p
    cross join lateral (
      select max(ce.ended_on) as last_end, bool_or(ce.ended_on is null) as in_care,
        sum(greatest(0, least(coalesce(ce.ended_on, current_date), current_date)
          - greatest(ce.started_on, (p.date_of_birth + interval '14 years')::date))) as days_since_14
      from care_episodes ce where ce.person_id = p.id
    ) c
    where p.id = ${personId} and p.date_of_birth is not null and c.last_end is not null and not c.in_care
      and c.last_end >= (p.date_of_birth + interval '16 years')::date and c.days_since_14 >= 91`.execute(tx);
  return rows.map((r) => ({
    sourceId: r.id,
    service: r.service,
    startedOn: r.started_on,
    endedOn: r.ended_on,
  }));
}

/**
 * Brings `personId`'s LA-service involvements into line with the journey in `tx`, enqueuing the
 * publication of each that changed. Idempotent. Returns how many changed.
 */
export async function deriveLaServices(tx: Tx, laCode: string, personId: string): Promise<number> {
  const council = await tx
    .selectFrom('organisations')
    .select('id')
    .where('la_code', '=', laCode)
    .where('kind', '=', 'local_authority')
    .orderBy('created_at')
    .executeTakeFirst();
  if (council === undefined) return 0;
  const worker = await tx
    .selectFrom('allocations as a')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .leftJoin('users as u', 'u.id', 'a.worker_user_id')
    .select(['u.name as worker', 'u.email', 't.name as team'])
    .where('a.person_id', '=', personId)
    .where('a.ended_at', 'is', null)
    .orderBy('a.started_at', 'desc')
    .executeTakeFirst();
  const contactName = worker?.worker ?? (worker === undefined ? 'The front door' : worker.team);
  // Workers' accounts hold no phone number: the council's office number is the work phone, and
  // its office (or emergency duty) email stands in when no worker is allocated. The index needs both.
  const office = await getLaSettings(tx, laCode);
  const derived = await servicesOf(tx, personId);
  const existing = await tx
    .selectFrom('involvements')
    .selectAll()
    .where('person_id', '=', personId)
    .where('source', '=', 'la_service')
    .execute();
  let changed = 0;
  for (const d of derived) {
    const words = laServices[d.service];
    const row = existing.find((e) => e.source_record_id === d.sourceId);
    const values = {
      started_on: d.startedOn,
      ended_on: d.endedOn,
      contact_name: contactName,
      contact_phone: office.officePhone.replace(/[\s()-]/g, ''),
      contact_email: worker?.email ?? office.officeEmail ?? office.emergencyDutyEmail,
      service: words.service,
      role: words.role,
    };
    if (row === undefined) {
      const { id } = await tx
        .insertInto('involvements')
        .values({
          la_code: laCode,
          person_id: personId,
          organisation_id: council.id,
          source: 'la_service',
          la_service: d.service,
          source_record_id: d.sourceId,
          reason: words.reason,
          linked_at: new Date(),
          ...values,
        })
        .onConflict((oc) =>
          oc.columns(['la_code', 'source_record_id']).where('source_record_id', 'is not', null).doNothing(),
        )
        .returning('id')
        .executeTakeFirst()
        .then((r) => r ?? { id: null });
      if (id !== null) {
        await enqueuePublish(tx, id);
        changed++;
      }
    } else if (
      row.erased_at !== null ||
      row.started_on !== values.started_on ||
      row.ended_on !== values.ended_on ||
      row.contact_name !== values.contact_name ||
      row.contact_phone !== values.contact_phone ||
      row.contact_email !== values.contact_email
    ) {
      await tx
        .updateTable('involvements')
        .set({ ...values, erased_at: null, version: row.version + 1, updated_at: new Date() })
        .where('id', '=', row.id)
        .execute();
      await enqueuePublish(tx, row.id);
      changed++;
    }
  }
  // A journey row that is gone (recorded in error and removed): withdraw its involvement.
  for (const row of existing) {
    if (row.erased_at !== null || derived.some((d) => d.sourceId === row.source_record_id)) continue;
    await tx
      .updateTable('involvements')
      .set({ erased_at: new Date(), version: row.version + 1 })
      .where('id', '=', row.id)
      .execute();
    await enqueuePublish(tx, row.id);
    changed++;
  }
  return changed;
}

registerJob(LA_SERVICES_DERIVE, z.object({ personId: z.uuid() }), async ({ personId }, ctx) => {
  await ctx.inTenant((tx) => deriveLaServices(tx, ctx.laCode, personId));
});
