/** Kysely's view of the subject access tables (migration 0035), merged into `Schema`. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DateOnly = string;

export type SubjectAccessBasis = 'self' | 'parental_responsibility' | 'authorised_representative';
export type SubjectAccessStatus = 'open' | 'completed' | 'withdrawn';
export type DisclosureAction = 'redact' | 'disclose';

export interface SubjectAccessTables {
  subject_access_requests: {
    id: Generated<string>;
    la_code: string;
    subject_person_id: string;
    requester_person_id: string | null;
    requester_name: string;
    basis: SubjectAccessBasis;
    basis_note: string | null;
    received_on: DateOnly;
    due_on: DateOnly;
    extended_to: DateOnly | null;
    extension_reason: string | null;
    status: Generated<SubjectAccessStatus>;
    created_by: string;
    created_at: CreatedAt;
    updated_by: string | null;
    updated_at: Timestamp | null;
    completed_at: Timestamp | null;
    version: Generated<number>;
  };
  subject_access_decisions: {
    id: Generated<string>;
    la_code: string;
    request_id: string;
    action: DisclosureAction;
    span_start: number;
    span_end: number;
    span_text: string;
    before_text: string;
    after_text: string;
    bundle_digest: string;
    decided_by: string;
    decided_at: CreatedAt;
  };
}
