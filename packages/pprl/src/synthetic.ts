/**
 * A record of `@waypoint/linkage`'s synthetic generator as the encoder takes it: the one mapping
 * the package's tests and benchmarks, and the involvement index's, share.
 * @example const encoding = encoder.encode(pprlRecordOf(generatePeople({ size: 1, seed: 1 })[0]!));
 */
import type { SyntheticRecord } from '@waypoint/linkage';
import type { PprlRecord } from './normalise.ts';

export function pprlRecordOf(r: SyntheticRecord): PprlRecord {
  return {
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
  };
}
