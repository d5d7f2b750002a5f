/** The journey capability's read of a child's referrals (CIN episodes), for the data import. */
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
