/** The journey capability's reads of a child's referrals (CIN episodes) and care, for the data import. */
import type { Tx } from '../db/tenant.ts';

/**
 * The referral dates of `personId`'s child in need episodes, oldest first (YYYY-MM-DD): each
 * episode's own, and the day its contact was decided on where that differs (an episode the 903
 * import extended back to the start of care).
 */
export async function referralDatesOf(tx: Tx, personId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('cin_episodes as e')
    .leftJoin('contacts as c', 'c.id', 'e.contact_id')
    .select(['e.referral_on', 'c.decided_on'])
    .where('e.person_id', '=', personId)
    .orderBy('e.referral_on')
    .execute();
  return rows.flatMap((r) =>
    r.decided_on !== null && r.decided_on !== r.referral_on ? [r.referral_on, r.decided_on] : [r.referral_on],
  );
}

/** The start dates of `personId`'s episodes of care, oldest first (YYYY-MM-DD). */
export async function careStartsOf(tx: Tx, personId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('care_episodes')
    .select('started_on')
    .where('person_id', '=', personId)
    .orderBy('started_on')
    .execute();
  return rows.map((r) => r.started_on);
}

/** The child in need episode of `personId` open on `on` (referred by then, not closed before), if any. */
export async function episodeOpenOn(
  tx: Tx,
  personId: string,
  on: string,
): Promise<{ id: string; on: string; nfa: boolean } | null> {
  const row = await tx
    .selectFrom('cin_episodes')
    .select(['id', 'referral_on', 'nfa'])
    .where('person_id', '=', personId)
    .where('referral_on', '<=', on)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', on)]))
    .orderBy('referral_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, on: row.referral_on, nfa: row.nfa };
}

/** The first child in need episode of `personId` referred after `after` and by `by` (any day when null). */
export async function episodeReferredBetween(
  tx: Tx,
  personId: string,
  after: string,
  by: string | null,
): Promise<{ id: string; on: string } | null> {
  let q = tx
    .selectFrom('cin_episodes')
    .select(['id', 'referral_on'])
    .where('person_id', '=', personId)
    .where('referral_on', '>', after);
  if (by !== null) q = q.where('referral_on', '<=', by);
  const row = await q.orderBy('referral_on').limit(1).executeTakeFirst();
  return row === undefined ? null : { id: row.id, on: row.referral_on };
}

/**
 * The data import only: an episode's start moved back to `to`, the day the 903 says the child
 * became looked after (a looked-after child is a child in need). The referral's contact keeps its
 * own date, by which a census import finds the episode again (`referralDatesOf`).
 */
export async function extendEpisodeBack(tx: Tx, episodeId: string, to: string): Promise<void> {
  await tx
    .updateTable('cin_episodes')
    .set({ referral_on: to, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', episodeId)
    .execute();
}
