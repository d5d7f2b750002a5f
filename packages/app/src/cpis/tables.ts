/**
 * Kysely's view of CP-IS's own tables (migration 0013), merged into the one `Schema` by
 * declaration merging so the capability's tables are typed without editing `db/schema.ts`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { FlagKind } from './scope.ts';

type DateOnly = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CpisFlagsTable {
  la_code: string;
  person_id: string;
  kind: FlagKind;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  key_person_id: string | null;
  entered_scope_on: DateOnly;
  derived_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
  /** The key person's NHS number and date of birth, as the record holds them (migration 0017). */
  nhs_number: string | null;
  key_date_of_birth: DateOnly | null;
}

export interface CpisNhsVerificationsTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  nhs_number: string;
  source: 'data_team' | 'health_partner';
  verified_by: string;
  verified_at: CreatedAt;
  note: string | null;
}

export interface CpisAttendancesTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  flag_kind: FlagKind;
  setting: string;
  organisation_name: string;
  clinician_user_id: string;
  seen_at: Timestamp;
  via: 'page' | 'fhir';
  out_of_hours: ColumnType<boolean, boolean | undefined, never>;
  recorded_at: CreatedAt;
}

declare module '../db/schema.ts' {
  interface Schema {
    cpis_flags: CpisFlagsTable;
    cpis_nhs_verifications: CpisNhsVerificationsTable;
    cpis_attendances: CpisAttendancesTable;
  }
}
