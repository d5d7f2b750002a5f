/**
 * Telling people after a check, by the job queue after it commits (retried; none lost on a
 * restart): the child's allocated worker and team ("seen at <setting> on <date> at <time>"), the
 * LA's data team when a number was held with another date of birth, and out of office hours the
 * emergency duty team by email (and text, where it has a mobile) through the one messaging adapter.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { longDate } from '../http/forms/dates.ts';
import { registerJob } from '../jobs/index.ts';
import type { LaSettings } from './la-contact.ts';
import { canonicalMobile, enqueueMessage } from '../messaging/index.ts';
import { dataTeamOf } from './jobs.ts';
import { flagKindLabels, type FlagKind } from './scope.ts';
import './tables.ts';

export const CPIS_NOTIFY = 'cpis.notify';

const londonTime = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});
/** "10:31pm", in England. */
export const timeOf = (at: Date) => londonTime.format(at).replace(' ', '');

/** The allocated worker and every active member of the allocated team. */
async function workerAndTeam(tx: Tx, personId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select a.worker_user_id as id from allocations a
      where a.person_id = ${personId} and a.ended_at is null and a.worker_user_id is not null
    union
    select tm.user_id from allocations a
      join team_memberships tm on tm.team_id = a.team_id and tm.ended_at is null
      join users u on u.id = tm.user_id and u.active
      where a.person_id = ${personId} and a.ended_at is null`.execute(tx);
  return rows.map((r) => r.id);
}

const payload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attendance'), attendanceId: z.uuid() }),
  z.object({
    kind: z.literal('mismatch'),
    personId: z.uuid(),
    settingText: z.string().max(400),
    at: z.iso.datetime(),
  }),
]);

async function notifyAll(
  tx: Tx,
  laCode: string,
  jobId: string,
  recipients: string[],
  personId: string,
  kind: string,
  message: string,
) {
  if (recipients.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(
      recipients.map((id) => ({
        la_code: laCode,
        recipient_user_id: id,
        kind,
        person_id: personId,
        message,
        job_id: jobId,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['job_id', 'recipient_user_id']).where('job_id', 'is not', null).doNothing(),
    )
    .execute();
}

registerJob(
  CPIS_NOTIFY,
  payload,
  async (p, ctx) => {
    await ctx.inTenant(async (tx) => {
      if (p.kind === 'mismatch') {
        const at = new Date(p.at);
        await notifyAll(
          tx,
          ctx.laCode,
          ctx.jobId,
          await dataTeamOf(tx, ctx.laCode),
          p.personId,
          'cpis_mismatch',
          `A CP-IS check at ${p.settingText} on ${longDate(at)} at ${timeOf(at)} gave this child's NHS number with a different date of birth: ` +
            'nothing was shown. Check the NHS number and date of birth on the record.',
        );
        return;
      }
      const a = await tx
        .selectFrom('cpis_attendances as a')
        .innerJoin('people as p', 'p.id', 'a.person_id')
        .select([
          'a.person_id',
          'a.setting',
          'a.seen_at',
          'a.flag_kind',
          'a.out_of_hours',
          'p.given_name',
          'p.family_name',
        ])
        .where('a.id', '=', p.attendanceId)
        .executeTakeFirst();
      if (a === undefined) return;
      const at = new Date(a.seen_at);
      await notifyAll(
        tx,
        ctx.laCode,
        ctx.jobId,
        await workerAndTeam(tx, a.person_id),
        a.person_id,
        'cpis_attendance',
        `${a.given_name} ${a.family_name} was seen at ${a.setting} on ${longDate(at)} at ${timeOf(at)} ` +
          `(CP-IS: ${flagKindLabels[a.flag_kind].toLowerCase()}${a.out_of_hours ? '; out of hours, the emergency duty team was told' : ''}).`,
      );
    });
  },
  { maxAttempts: 10, backoff: { baseMs: 1_000, maxMs: 300_000 }, urgent: true },
);

/**
 * Enqueues, in `tx`, the emergency duty team's email (and text, when its number is a mobile) for
 * an attendance out of office hours. The words name no child: the team opens Waypoint for who.
 */
export async function sendOutOfHours(
  tx: Tx,
  la: LaSettings,
  a: { attendanceId: string; kind: FlagKind; settingText: string; seenAt: Date },
): Promise<void> {
  const personalisation = {
    la_name: la.name,
    flag: flagKindLabels[a.kind].toLowerCase(),
    setting: a.settingText,
    date: longDate(a.seenAt),
    time: timeOf(a.seenAt),
    reference: a.attendanceId.slice(0, 8),
  };
  const base = { template: 'cpis-attendance-out-of-hours' as const, personalisation };
  await enqueueMessage(tx, {
    ...base,
    channel: 'email',
    to: la.emergencyDutyEmail,
    reference: `cpis-attendance:${a.attendanceId}:email`,
  });
  const mobile = la.emergencyDutySms === null ? undefined : canonicalMobile(la.emergencyDutySms);
  if (mobile !== undefined)
    await enqueueMessage(tx, {
      ...base,
      channel: 'sms',
      to: mobile,
      reference: `cpis-attendance:${a.attendanceId}:sms`,
    });
}
