/** Kysely's view of the learning-review tables (migration 0014), merged into `Schema`. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type DateOnly = string;

export type ReviewDecision = 'pending' | 'local-review' | 'no-local-review';
export type ChronologySource =
  'journey' | 'agency-form' | 'agency-csv' | 'agency-docx' | 'involvement' | 'index';
export type RedactionAction = 'accept' | 'reject' | 'add' | 'merge' | 'relabel';
export type CheckName =
  'welfare' | 'court-orders' | 'family' | 'data-protection' | 'panel-notice' | 'approval';

export interface LearningReviewTables {
  safeguarding_partnerships: {
    id: Generated<string>;
    la_code: string;
    name: string;
    region: string | null;
    created_at: CreatedAt;
  };
  partnership_members: { partnership_id: string; organisation_id: string; la_code: string };
  partnership_factors: {
    partnership_id: string;
    code: string;
    label: string;
    la_code: string;
    active: Generated<boolean>;
  };
  learning_reviews: {
    id: Generated<string>;
    la_code: string;
    partnership_id: string;
    reference: string;
    title: string;
    incident_summary: string;
    incident_on: DateOnly;
    known_on: DateOnly;
    panel_notified_on: DateOnly | null;
    rapid_review_on: DateOnly | null;
    decision: Generated<ReviewDecision>;
    decision_reason: string | null;
    decided_by: string | null;
    decided_on: DateOnly | null;
    period_from: DateOnly | null;
    period_to: DateOnly | null;
    terms_of_reference: string | null;
    household_access: Generated<boolean>;
    date_policy: Generated<'keep' | 'month-year' | 'year' | 'relative'>;
    age_policy: Generated<'keep' | 'band' | 'redact'>;
    status: Generated<'open' | 'closed'>;
    closed_at: Timestamp | null;
    published_id: string | null;
    published_at: Timestamp | null;
    withdrawn_at: Timestamp | null;
    withdrawn_reason: string | null;
    version: Generated<number>;
    created_by: string | null;
    created_at: CreatedAt;
  };
  review_children: { review_id: string; person_id: string; la_code: string };
  review_agencies: { review_id: string; organisation_id: string; la_code: string };
  review_reviewers: {
    review_id: string;
    user_id: string;
    la_code: string;
    added_by: string | null;
    added_at: CreatedAt;
  };
  review_chronology: {
    id: Generated<string>;
    la_code: string;
    review_id: string;
    source: ChronologySource;
    source_ref: string | null;
    person_id: string | null;
    organisation_id: string | null;
    agency: string;
    occurred_on: DateOnly;
    title: string;
    detail: string | null;
    annotation: string | null;
    is_excluded: Generated<boolean>;
    excluded_reason: string | null;
    version: Generated<number>;
    created_by: string | null;
    created_at: CreatedAt;
    updated_by: string | null;
  };
  review_episodes: {
    id: Generated<string>;
    la_code: string;
    review_id: string;
    title: string;
    what_happened: string;
    what_was_known: string;
    factors: string[];
    created_by: string | null;
    created_at: CreatedAt;
  };
  review_episode_entries: { episode_id: string; entry_id: string; la_code: string };
  review_findings: {
    id: Generated<string>;
    la_code: string;
    review_id: string;
    episode_id: string | null;
    title: string;
    text: string;
    themes: string[];
    created_by: string | null;
    created_at: CreatedAt;
  };
  review_recommendations: {
    id: Generated<string>;
    la_code: string;
    review_id: string;
    finding_id: string | null;
    text: string;
    owner: string;
    due_on: DateOnly;
    progress: Generated<'not-started' | 'in-progress' | 'complete'>;
    progress_note: string | null;
    version: Generated<number>;
    created_by: string | null;
    created_at: CreatedAt;
  };
  review_drafts: {
    review_id: string;
    version: number;
    la_code: string;
    body: string;
    note: string | null;
    created_by: string | null;
    created_at: CreatedAt;
  };
  review_cast_additions: {
    id: Generated<string>;
    la_code: string;
    review_id: string;
    kind: 'person' | 'place';
    role: string;
    name: string;
    aliases: string[];
    created_by: string | null;
    created_at: CreatedAt;
  };
  review_redaction_decisions: {
    id: Generated<string>;
    la_code: string;
    review_id: string;
    action: RedactionAction;
    draft_version: number;
    span_start: number | null;
    span_end: number | null;
    span_text: string | null;
    before_text: string | null;
    after_text: string | null;
    span_type: string | null;
    entity_label: string | null;
    into_label: string | null;
    replacement: string | null;
    decided_by: string;
    decided_at: CreatedAt;
  };
  review_risk_resolutions: {
    review_id: string;
    item_key: string;
    la_code: string;
    resolution: 'resolved' | 'accepted';
    reason: string;
    decided_by: string;
    decided_at: CreatedAt;
  };
  review_signoffs: {
    review_id: string;
    check_name: CheckName;
    la_code: string;
    decision: string | null;
    reason: string;
    notice_on: DateOnly | null;
    signed_by: string;
    signed_at: CreatedAt;
  };
}
