/** A record of `@waypoint/linkage`'s synthetic generator as `@waypoint/pprl` encodes it (the benchmarks' one mapping). */
import type { SyntheticRecord } from '@waypoint/linkage';
import type { PprlRecord } from '@waypoint/pprl';

export const toPprl = (r: SyntheticRecord): PprlRecord => ({
  id: r.id,
  given_name: r.given_name ?? null,
  family_name: r.family_name ?? null,
  dob: typeof r.dob === 'string' ? r.dob : null,
  sex: r.sex ?? null,
  postcode: r.postcode ?? null,
  address: r.address ?? null,
  town: r.town ?? null,
  nhs_number: r.nhs_number ?? null,
  phone: r.phone ?? null,
});
