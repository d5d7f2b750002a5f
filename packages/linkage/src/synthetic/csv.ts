import { csvField } from '../cli/output.ts';
import type { SyntheticRecord } from './generate.ts';

/** Columns of the synthetic CSV, in the shape the example `--map` expects. */
export const SYNTHETIC_COLUMNS = [
  'record_ref',
  'forename',
  'last_name',
  'birth_date',
  'sex',
  'post_code',
  'house_no',
  'street',
  'locality',
  'town',
  'nhs_no',
  'phone',
  'true_id',
] as const;

/** The `--map` that reads {@link SYNTHETIC_COLUMNS}. */
export const SYNTHETIC_MAP =
  'given_name=forename,family_name=last_name,dob=birth_date,sex=sex,postcode=post_code,address=house_no+street+locality,town=town,nhs_number=nhs_no,phone=phone';

/**
 * Synthetic records as CSV text, dates as YYYYMMDD (the CLI's `--date-format YYYYMMDD`).
 * @example writeFileSync('people.csv', syntheticCsv(generatePeople({ size: 1000 })));
 */
export function syntheticCsv(records: readonly SyntheticRecord[]): string {
  const lines = [SYNTHETIC_COLUMNS.join(',')];
  for (const r of records) {
    const dob = typeof r.dob === 'string' ? r.dob.replace(/-/g, '') : '';
    lines.push(
      [
        r.id,
        r.given_name,
        r.family_name,
        dob,
        r.sex,
        r.postcode,
        r.house_no,
        r.street,
        r.locality,
        r.town,
        r.nhs_number,
        r.phone,
        r.trueId,
      ]
        .map((v) => csvField(v ?? ''))
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
