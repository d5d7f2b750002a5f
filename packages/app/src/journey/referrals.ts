/** The journey capability's reads of a child's referrals (CIN episodes) and care, for the data import. */
import type { Tx } from '../db/tenant.ts';

/** The referral dates of `personId`'s child in need episodes, oldest first (YYYY-MM-DD). */
export async function referralDatesOf(tx: Tx, personId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('cin_episodes')
    .select('referral_on')
    .where('person_id', '=', personId)
    .orderBy('referral_on')
    .execute();
  return rows.map((r) => r.referral_on);
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
