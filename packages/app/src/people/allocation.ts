/**
 * Allocating a child to a team and worker. A transfer ends the current allocation and starts the
 * next, with the reason, in one transaction; history is kept. No access check here: callers have
 * made it (the caller-bound repository, or the seed generator).
 */
import type { Tx } from '../db/tenant.ts';

export async function allocateTo(
  w: { tx: Tx; laCode: string },
  personId: string,
  a: { teamId: string; workerUserId: string | null; reason: string; at?: string | Date },
): Promise<string> {
  const at = a.at ?? new Date();
  await w.tx
    .updateTable('allocations')
    .set({ ended_at: at })
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .execute();
  const row = await w.tx
    .insertInto('allocations')
    .values({
      la_code: w.laCode,
      person_id: personId,
      team_id: a.teamId,
      worker_user_id: a.workerUserId,
      started_at: at,
      reason: a.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
