/**
 * After emergency access is granted, a job tells the child's team manager and the LA's principal
 * social workers who used it, on which child (with a link to the record) and why. The team manager
 * is the allocated team's manager, or where that team has none, the nearest manager above it (a
 * service manager), so somebody in the management line always hears.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { longDate } from '../journey/step.ts';
import { registerJob } from '../jobs/index.ts';

export const BREAK_GLASS_NOTIFY = 'break-glass.notify';

/** The users to tell about emergency access to `personId`: nearest team managers and the LA's PSWs. */
async function recipientsFor(tx: Tx, laCode: string, personId: string, grantee: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive line(team_id, depth) as (
      select a.team_id, 0 from allocations a where a.person_id = ${personId} and a.ended_at is null and a.team_id is not null
      union all
      select t.parent_team_id, line.depth + 1 from line join teams t on t.id = line.team_id
        where t.parent_team_id is not null and line.depth < 10
    ),
    managers as (
      select tm.user_id, line.depth from line
        join team_memberships tm on tm.team_id = line.team_id and tm.is_manager and tm.ended_at is null
        join users u on u.id = tm.user_id and u.active
    )
    select user_id as id from managers where depth = (select min(depth) from managers)
    union
    select u.id from users u join user_roles r on r.user_id = u.id
      where u.la_code = ${laCode} and u.active and r.role = 'principal_social_worker'`.execute(tx);
  return rows.map((r) => r.id).filter((id) => id !== grantee);
}

registerJob(
  BREAK_GLASS_NOTIFY,
  z.object({ grantId: z.uuid() }),
  async ({ grantId }, ctx) => {
    await ctx.inTenant(async (tx) => {
      const grant = await tx
        .selectFrom('break_glass_grants as g')
        .innerJoin('people as p', 'p.id', 'g.person_id')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select([
          'g.person_id as personId',
          'g.user_id as userId',
          'g.reason',
          'u.name as workerName',
          'p.given_name as givenName',
          'p.family_name as familyName',
          'p.date_of_birth as dateOfBirth',
        ])
        .where('g.id', '=', grantId)
        .executeTakeFirst();
      if (grant === undefined) return; // nothing left to tell about
      const recipients = await recipientsFor(tx, ctx.laCode, grant.personId, grant.userId);
      if (recipients.length === 0) return;
      const born = grant.dateOfBirth === null ? '' : ` (born ${longDate(grant.dateOfBirth)})`;
      const message =
        `${grant.workerName} used emergency access to the record of ${grant.givenName} ${grant.familyName}${born}. ` +
        `Reason given: ${grant.reason}`;
      await tx
        .insertInto('notifications')
        .values(
          recipients.map((id) => ({
            la_code: ctx.laCode,
            recipient_user_id: id,
            kind: 'break_glass',
            person_id: grant.personId,
            message,
            job_id: ctx.jobId,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['job_id', 'recipient_user_id']).where('job_id', 'is not', null).doNothing(),
        )
        .execute();
    });
  },
  { maxAttempts: 10, backoff: { baseMs: 5_000, maxMs: 600_000 }, urgent: true },
);
