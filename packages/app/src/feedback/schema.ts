/** The feedback tables (migration 0016), added to Kysely's `Schema` beside the capability. */
import type { ColumnType, Generated } from 'kysely';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Respondent = 'child' | 'parent' | 'carer';
export type FeedbackForm = 'standard' | 'younger';

export interface ContactDetailsTable {
  person_id: string;
  la_code: string;
  email: string | null;
  mobile: string | null;
  consent_to_contact: boolean;
  consent_recorded_on: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Stamp;
}

export interface FeedbackRequestsTable {
  id: Generated<string>;
  la_code: string;
  child_id: string;
  respondent_person_id: string;
  respondent: Respondent;
  form: FeedbackForm;
  channel: 'email' | 'sms' | 'print';
  code_hash: string;
  expires_at: Stamp;
  used_at: Stamp | null;
  team_id: string | null;
  sent_by: string;
  created_at: Stamp;
}

export interface FeedbackResponsesTable {
  id: Generated<string>;
  la_code: string;
  request_id: string;
  child_id: string;
  team_id: string | null;
  respondent: Respondent;
  form: FeedbackForm;
  understand_worries: number | null;
  listened_to: number | null;
  plan_helping: number | null;
  make_better: string | null;
  answered_at: Stamp;
}

declare module '../db/schema.ts' {
  interface Schema {
    contact_details: ContactDetailsTable;
    feedback_requests: FeedbackRequestsTable;
    feedback_responses: FeedbackResponsesTable;
  }
}
