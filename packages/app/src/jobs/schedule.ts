/**
 * Recurring jobs: a job registered with `recurring: { cron, timezone }` is enqueued for every LA at
 * each time its cron expression names, read in its time zone (so '0 6 * * *' in Europe/London is
 * 06:00 in winter and in summer). `job_schedules` keeps when each LA's schedule last fired: a
 * schedule seen for the first time starts from now; runs missed while no worker was running are
 * made up by one run, and the idempotency key (the fire time) keeps two workers from both enqueuing it.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { enqueue } from './enqueue.ts';
import { registeredJobs, type RecurringSchedule } from './registry.ts';

/** The latest time at or before `now` that `schedule` names. */
export function latestFireTime(schedule: RecurringSchedule, now: Date): Date {
  const expr = CronExpressionParser.parse(schedule.cron, {
    currentDate: new Date(now.getTime() + 1),
    tz: schedule.timezone,
  });
  return expr.prev().toDate();
}

/** The first time after `after` that `schedule` names. */
export function nextFireTime(schedule: RecurringSchedule, after: Date): Date {
  return CronExpressionParser.parse(schedule.cron, { currentDate: after, tz: schedule.timezone })
    .next()
    .toDate();
}

/**
 * Enqueues every recurring job whose time has come, for every LA; answers how many were enqueued.
 * `now` is for tests.
 */
export async function fireSchedules(db: Kysely<Schema>, now: Date = new Date()): Promise<number> {
  const recurring = registeredJobs().filter((d) => d.recurring !== undefined);
  if (recurring.length === 0) return 0;
  const las = await db.selectFrom('local_authorities').select('la_code').execute();
  const fired = await db
    .selectFrom('job_schedules')
    .select(['la_code', 'name', 'last_fired_at'])
    .where(
      'name',
      'in',
      recurring.map((d) => d.name),
    )
    .execute();
  const last = new Map(fired.map((f) => [`${f.la_code}:${f.name}`, f.last_fired_at]));
  let enqueued = 0;
  for (const def of recurring) {
    const schedule = def.recurring as RecurringSchedule;
    for (const { la_code: laCode } of las) {
      const seen = last.get(`${laCode}:${def.name}`);
      if (seen !== undefined && nextFireTime(schedule, seen) > now) continue;
      enqueued += await inTenant(db, laCode, async (tx) => {
        // Locked, so two workers deciding at once decide once.
        const row = await tx
          .selectFrom('job_schedules')
          .select('last_fired_at')
          .where('la_code', '=', laCode)
          .where('name', '=', def.name)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) {
          await tx
            .insertInto('job_schedules')
            .values({ la_code: laCode, name: def.name, last_fired_at: now })
            .onConflict((oc) => oc.columns(['la_code', 'name']).doNothing())
            .execute();
          return 0;
        }
        if (nextFireTime(schedule, row.last_fired_at) > now) return 0;
        const at = latestFireTime(schedule, now);
        await enqueue(tx, def.name, {}, { runAt: at, idempotencyKey: `schedule@${at.toISOString()}` });
        await tx
          .updateTable('job_schedules')
          .set({ last_fired_at: at })
          .where('la_code', '=', laCode)
          .where('name', '=', def.name)
          .execute();
        return 1;
      });
    }
  }
  return enqueued;
}
