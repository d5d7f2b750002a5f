/**
 * The safeguarding partnership shown on the settings page. The partnership and its members belong
 * to the learning reviews capability (migration 0014); this reads them only through its export.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { partnershipOf, type Partnership } from '../learning-reviews/partnership.ts';

/** The LA's safeguarding partnership with its member organisations; null when none is set up. */
export async function partnershipForSettings(
  db: Kysely<Schema>,
  laCode: string,
): Promise<Partnership | null> {
  return inTenant(db, laCode, (tx) => partnershipOf(tx, laCode));
}
