/**
 * Kysely's view of the tables, kept in step with `migrations/`. Every tenant table carries
 * `la_code` (the 3-digit LA code): the row-level security key and the Citus shard key.
 */
import type { ColumnType, Generated } from 'kysely';
import type { LearningReviewTables } from './schema-learning-reviews.ts';
import type { ReviewRepositoryTables } from './schema-review-repository.ts';
import type { SubjectAccessTables } from './schema-subject-access.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Has a database default; may be written. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A calendar date as 'YYYY-MM-DD' (see the DATE type parser in database.ts). */
type DateOnly = string;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface LocalAuthoritiesTable {
  la_code: string;
  name: string;
  created_at: CreatedAt;
}

export type OrganisationKind =
  | 'local_authority'
  | 'police'
  | 'nhs_trust'
  | 'gp_practice'
  | 'school'
  | 'early_help'
  | 'youth_justice'
  | 'regulator';

export interface OrganisationsTable {
  id: Generated<string>;
  la_code: string;
  name: string;
  kind: OrganisationKind;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OrganisationAreasTable {
  organisation_id: string;
  la_code: string;
}

export interface TeamsTable {
  id: Generated<string>;
  la_code: string;
  organisation_id: string;
  name: string;
  parent_team_id: string | null;
  active: Generated<boolean>;
  deactivated_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  la_code: string;
  organisation_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_confirmed_at: Timestamp | null;
  /** The last TOTP time step accepted (migration 0004): a code is never accepted twice. */
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  must_change_password: Generated<boolean>;
  is_demo: Generated<boolean>;
  access_ends_at: Timestamp | null;
  active: Generated<boolean>;
  deactivated_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: GeneratedTimestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_at: GeneratedTimestamp;
}

export interface TeamMembershipsTable {
  team_id: string;
  user_id: string;
  is_manager: Generated<boolean>;
  started_at: GeneratedTimestamp;
  ended_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  acting_la_code: string;
  created_at: CreatedAt;
  last_seen_at: GeneratedTimestamp;
  absolute_expires_at: Timestamp;
  mfa_verified_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  acting_la_code: string;
  kind: 'personal' | 'client';
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface OidcProvidersTable {
  la_code: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
}

/** Partner systems using the client-credentials grant (migration 0004). */
export interface ApiClientsTable {
  id: Generated<string>;
  la_code: string;
  client_id: string;
  secret_hash: string;
  user_id: string;
  name: string;
  scopes: string[];
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface PeopleTable {
  id: Generated<string>;
  la_code: string;
  kind: 'child' | 'adult' | 'unborn';
  given_name: string;
  family_name: string;
  date_of_birth: DateOnly | null;
  expected_date_of_birth: DateOnly | null;
  sex: 'female' | 'male' | 'unknown' | null;
  nhs_number: string | null;
  upn: string | null;
  la_child_id: string | null;
  ethnicity: string | null;
  disabilities: Generated<string[]>;
  first_language: string | null;
  interpreter_needed: boolean | null;
  date_of_death: DateOnly | null;
  updated_by: string | null;
  is_restricted: Generated<boolean>;
  restricted_roles: Generated<string[]>;
  restriction_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: GeneratedTimestamp;
}

export interface RestrictedAccessTable {
  person_id: string;
  user_id: string;
  la_code: string;
}

export interface AllocationsTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  worker_user_id: string | null;
  team_id: string;
  started_at: GeneratedTimestamp;
  ended_at: Timestamp | null;
  reason: string | null;
}

export type InvolvementSource = 'council' | 'partner' | 'la_service';
export type LaService =
  'early_help' | 'child_in_need' | 'child_protection' | 'looked_after' | 'care_leaver' | 'youth_justice';

/** An agency's involvement with a child: the council's, a partner's (in its own space until linked), or an LA service's. */
export interface InvolvementsTable {
  id: Generated<string>;
  la_code: string;
  /** The council's record: null for a partner's involvement until the LA links it. */
  person_id: string | null;
  organisation_id: string;
  user_id: string | null;
  role: string;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  created_by: string | null;
  created_at: CreatedAt;
  source: Generated<InvolvementSource>;
  service: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  reason: string | null;
  is_shielded: Generated<boolean>;
  child_given_name: string | null;
  child_family_name: string | null;
  child_date_of_birth: DateOnly | null;
  child_nhs_number: string | null;
  child_postcode: string | null;
  child_sex: 'female' | 'male' | 'unknown' | null;
  linked_at: Timestamp | null;
  linked_by: string | null;
  la_service: LaService | null;
  source_record_id: string | null;
  end_reason: string | null;
  erased_at: Timestamp | null;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface InvolvementConcernsTable {
  id: Generated<string>;
  la_code: string;
  involvement_id: string;
  concern: string;
  is_urgent: Generated<boolean>;
  raised_by: string;
  raised_at: GeneratedTimestamp;
  contact_id: string | null;
  taken_at: Timestamp | null;
}

export interface InvolvementLookupsTable {
  id: Generated<string>;
  la_code: string;
  person_id: string | null;
  involvement_id: string | null;
  asked_by: string;
  organisation_id: string;
  reason: string;
  reason_text: string | null;
  outcome: 'answered' | 'ambiguous' | 'none' | 'unavailable';
  agencies: Generated<number>;
  asked_at: GeneratedTimestamp;
}

export interface InvolvementIndexCursorsTable {
  organisation_id: string;
  la_code: string;
  last_notice_id: string | null;
  polled_at: GeneratedTimestamp;
}

export interface InvolvementIndexNoticesTable {
  organisation_id: string;
  notice_id: string;
  la_code: string;
  kind: 'shielded_hit' | 'lookup_on_records';
  involvement_id: string | null;
  caller_name: string;
  caller_organisation: string;
  caller_email: string;
  caller_phone: string | null;
  reason: string;
  reason_text: string | null;
  noticed_at: Timestamp;
  message_job_id: string | null;
  received_at: GeneratedTimestamp;
}

export interface ContactsTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  received_at: GeneratedTimestamp;
  status: Generated<'screening' | 'decided'>;
  created_by: string | null;
  created_at: CreatedAt;
  received_on: DateOnly;
  source: string | null;
  raised_by: string | null;
  /** Migration 0047; true unless recorded otherwise (the safe side). */
  referrer_asked_not_named: Generated<boolean>;
  worries: string | null;
  decision: 'nfa' | 'advice' | 'early-help' | 'referral' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_on: DateOnly | null;
  version: Generated<number>;
}

export interface InspectionsTable {
  id: Generated<string>;
  la_code: string;
  name: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: string | null;
  created_at: CreatedAt;
  kind: ColumnType<InspectionKind, InspectionKind | undefined, InspectionKind>;
  annex_a_as_at: DateOnly | null;
  annex_a_produced_at: Timestamp | null;
  annex_a_produced_by: string | null;
}

export type InspectionKind = 'ilacs_short' | 'ilacs_standard' | 'focused_visit' | 'jtai';

export interface InspectionInspectorsTable {
  inspection_id: string;
  user_id: string;
  la_code: string;
  added_by: string | null;
  added_at: GeneratedTimestamp;
}

export interface InspectionSamplesTable {
  inspection_id: string;
  person_id: string;
  la_code: string;
  source: ColumnType<'annex_a' | 'la', 'annex_a' | 'la' | undefined, 'annex_a' | 'la'>;
  added_by: string | null;
  added_at: GeneratedTimestamp;
}

export interface InspectionAnnexAListsTable {
  inspection_id: string;
  la_code: string;
  list_name: string;
  title: string;
  headers: ColumnType<string[], string, string>;
  rows: number;
}

export interface InspectionAnnexARowsTable {
  inspection_id: string;
  la_code: string;
  list_name: string;
  position: number;
  person_id: string | null;
  cells: ColumnType<(string | number | null)[], string, string>;
}

export interface BreakGlassGrantsTable {
  id: Generated<string>;
  la_code: string;
  user_id: string;
  person_id: string;
  reason: string;
  granted_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  la_code: string;
  recipient_user_id: string;
  kind: string;
  person_id: string | null;
  message: string;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  /** The job that wrote it (migration 0009), so a job run twice notifies once. */
  job_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface AuditEventsTable {
  id: string;
  la_code: string;
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  on_behalf_of: string | null;
  organisation_id: string | null;
  subject_person_id: string | null;
  record_type: string | null;
  record_id: string | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** 1: the chain hashes subject, record id and reason; 2 (migration 0029): their salted digest. */
  chain_version: ColumnType<1 | 2, 1 | 2 | undefined, never>;
  /** sha256 over [salt, subject, record id, reason] (chain_version 2). */
  payload_digest: string | null;
  /** Null once erased (disposal), with the three fields. */
  payload_salt: string | null;
  erased_on: ColumnType<string | null, never, never>;
}

export interface VisitsTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  visit_date: DateOnly;
  seen: 'seen' | 'seen-alone' | 'not-seen';
  not_seen_reason: string | null;
  others_present: string | null;
  summary: string;
  child_said: string | null;
  minutes_with_child: number | null;
  plan_review: Generated<boolean>;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface AuditChainHeadsTable {
  la_code: string;
  seq: number;
  hash: string;
}

/** Who recorded a row and when: common to every journey table. */
interface Recorded {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

export interface PersonNamesTable extends Omit<Recorded, 'recorded_by'> {
  kind: 'previous' | 'alias' | 'preferred';
  given_name: string;
  family_name: string;
  started_on: DateOnly | null;
  ended_on: DateOnly | null;
  recorded_by: string | null;
}

export interface AddressesTable extends Omit<Recorded, 'recorded_by'> {
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  is_restricted: Generated<boolean>;
  recorded_by: string | null;
}

export const relationshipTypes = [
  'mother',
  'father',
  'step-parent',
  'sibling',
  'half-sibling',
  'grandparent',
  'carer',
  'foster-carer',
  'partner-of-parent',
  'unborn-child-of',
  'child',
  'other',
] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

export interface PersonRelationshipsTable extends Omit<Recorded, 'recorded_by'> {
  related_person_id: string;
  type: RelationshipType;
  parental_responsibility: Generated<boolean>;
  lives_with: Generated<boolean>;
  started_on: DateOnly | null;
  ended_on: DateOnly | null;
  recorded_by: string | null;
}

export interface EarlyHelpEpisodesTable extends Recorded {
  contact_id: string | null;
  started_on: DateOnly;
  origin: 'contact' | 'step-down' | 'request';
  lead_professional: string | null;
  team_around_family: string | null;
  assessment_on: DateOnly | null;
  ended_on: DateOnly | null;
  end_reason: 'needs-met' | 'step-up' | 'declined' | 'moved' | 'other' | null;
  reason: string | null;
  version: Generated<number>;
}

export interface CinEpisodesTable extends Recorded {
  contact_id: string | null;
  referral_on: DateOnly;
  source: string;
  primary_need: string | null;
  reason: string | null;
  nfa: Generated<boolean>;
  closed_on: DateOnly | null;
  closure_reason: string | null;
  closure_note: string | null;
  version: Generated<number>;
}

export interface AssessmentsTable extends Recorded {
  cin_episode_id: string;
  started_on: DateOnly;
  completed_on: DateOnly | null;
  child_development: string | null;
  parenting_capacity: string | null;
  family_environment: string | null;
  factors: Generated<string[]>;
  analysis: string | null;
  outcome: 'cin-plan' | 'strategy' | 'early-help' | 'nfa' | 'looked-after' | null;
  version: Generated<number>;
}

export interface StrategyDiscussionsTable extends Recorded {
  cin_episode_id: string;
  held_on: DateOnly;
  attendees: string | null;
  decision: 's47' | 'no-s47';
  reason: string;
}

export interface S47EnquiriesTable extends Recorded {
  cin_episode_id: string;
  strategy_discussion_id: string;
  started_on: DateOnly;
  completed_on: DateOnly | null;
  outcome: 'conference' | 'cin-plan' | 'nfa' | null;
  reason: string | null;
  version: Generated<number>;
}

export type AbuseCategory = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL';

export interface ConferencesTable extends Recorded {
  cin_episode_id: string;
  s47_enquiry_id: string | null;
  kind: 'initial' | 'review';
  held_on: DateOnly;
  decision: 'plan' | 'no-plan' | 'continue' | 'end';
  category: AbuseCategory | null;
  reason: string;
  /** A transfer-in conference: the accepted transfer it follows (migration 0039). */
  transfer_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CpPlansTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  cin_episode_id: string;
  conference_id: string;
  started_on: DateOnly;
  initial_category: AbuseCategory;
  latest_category: AbuseCategory;
  ended_on: DateOnly | null;
  end_conference_id: string | null;
}

export interface CinPlansTable extends Recorded {
  cin_episode_id: string;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  reason: string | null;
}

export interface CareEpisodesTable extends Recorded {
  cin_episode_id: string;
  started_on: DateOnly;
  reason_new: 'S' | 'L' | 'P' | 'T' | 'B' | 'U';
  legal_status: string;
  category_of_need: string;
  placement_type: string;
  provider: string | null;
  placement_postcode: string | null;
  ended_on: DateOnly | null;
  reason_end: string | null;
  reason: string | null;
}

export interface CareReviewsTable extends Recorded {
  held_on: DateOnly;
  participation: string;
  summary: string | null;
}

export interface MissingEpisodesTable extends Recorded {
  kind: 'missing' | 'away';
  started_on: DateOnly;
  ended_on: DateOnly | null;
  return_interview: 'accepted' | 'declined' | 'not-offered' | null;
  summary: string | null;
}

export interface CaseNotesTable extends Recorded {
  noted_on: DateOnly;
  title: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp | null;
  version: Generated<number>;
}

export interface DocumentsTable extends Recorded {
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  description: string | null;
  added_on: DateOnly;
}

export type PlanKind = 'cp' | 'cin' | 'care' | 'early-help';

export interface PlanGoalsTable extends Recorded {
  plan_kind: PlanKind;
  plan_id: string;
  goal: string;
  added_on: DateOnly;
  ended_on: DateOnly | null;
}

export interface GoalScoresTable extends Recorded {
  goal_id: string;
  scored_on: DateOnly;
  score: number;
  visit_id: string | null;
  note: string | null;
}

export type YesPartlyNo = 'yes' | 'partly' | 'no';

export interface PlanReviewsTable extends Recorded {
  plan_kind: PlanKind;
  plan_id: string;
  held_on: DateOnly;
  worries_explained: YesPartlyNo | null;
  agrees_with_plan: YesPartlyNo | null;
  child_views: string | null;
  family_views: string | null;
  summary: string | null;
}

export interface TimescalesTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  subject: string;
  due_on: DateOnly;
  reason: string;
  completed_on: DateOnly | null;
  set_by: string;
  set_at: GeneratedTimestamp;
}

/** The `journey_events` view: every step as one timeline row. */
export interface JourneyEventsView {
  la_code: string;
  person_id: string;
  kind: string;
  id: string;
  occurred_on: DateOnly;
  code: string | null;
  code2: string | null;
  detail: string | null;
  child_said: string | null;
  author_id: string | null;
  recorded_at: Date;
  organisation_id: string | null;
}

export type JobState = 'queued' | 'running' | 'retry' | 'done' | 'dead' | 'cancelled';

/** The job queue (migration 0008, `jobs/`). */
export interface JobsTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  la_code: string;
  name: string;
  payload: ColumnType<unknown, string, string>;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  ordering_key: string | null;
  idempotency_key: string | null;
  run_at: GeneratedTimestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  lease_until: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface JobSchedulesTable {
  la_code: string;
  name: string;
  last_fired_at: Timestamp;
}

export interface LaSettingsTable {
  la_code: string;
  name: string;
  service_name: string;
  /** `{ monday: { start: '09:00', end: '17:00' } | null, … }`, Europe/London wall-clock times. */
  office_hours: ColumnType<unknown, string, string>;
  office_phone: string;
  office_email: string | null;
  emergency_duty_phone: string;
  emergency_duty_email: string;
  emergency_duty_sms: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

export interface LaCredentialsTable {
  la_code: string;
  name: 'notify_api_key' | 'dfe_api_key';
  sealed: string;
  set_by: string | null;
  set_at: GeneratedTimestamp;
}

/** The fingerprints of the keys kept outside the database (backup/installation-keys.ts). */
export interface InstallationKeysTable {
  name: 'linkage' | 'settings';
  fingerprint: string;
  recorded_at: GeneratedTimestamp;
}

export interface RetentionRulesTable {
  la_code: string;
  kind: string;
  basis: 'birthday' | 'years_after_closure';
  years: number;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  la_code: string;
  person_id: string;
  reason: string;
  placed_by: string | null;
  placed_at: GeneratedTimestamp;
  lifted_by: string | null;
  lifted_at: Timestamp | null;
}

export type DisposalBatchStatus = 'proposed' | 'approved' | 'disposed';
export type DisposalItemStatus = 'proposed' | 'removed' | 'held' | 'disposed';

/** A day's proposal of records due for disposal (migration 0029). */
export interface DisposalBatchesTable {
  id: Generated<string>;
  la_code: string;
  proposed_on: DateOnly;
  proposed_at: GeneratedTimestamp;
  status: Generated<DisposalBatchStatus>;
  approved_by: string | null;
  approved_at: Timestamp | null;
  disposed_at: Timestamp | null;
}

export type TransferStatus = 'requested' | 'accepted' | 'declined' | 'withdrawn';

/** A child moving to another LA: shared by the sending (`la_code`) and receiving LA (transfer/). */
export interface TransfersTable {
  id: Generated<string>;
  la_code: string;
  receiving_la_code: string;
  person_id: string;
  reason: string;
  requested_by: string;
  requested_at: GeneratedTimestamp;
  status: Generated<TransferStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decline_reason: string | null;
  received_person_id: string | null;
  /** Set when the receiving LA disposed of the record it was accepted into (migration 0040). */
  received_disposed_on: DateOnly | null;
  /** The sealed package (transfer/package.ts), written as its JSON text. */
  package: ColumnType<unknown, string, never>;
  package_sha256: string;
  sender_closed_at: Timestamp | null;
  version: Generated<number>;
}

/** One record in a disposal batch; once disposed, only its kind, rule and day remain. */
export interface DisposalItemsTable {
  id: Generated<string>;
  la_code: string;
  batch_id: string;
  person_id: string | null;
  record_kind: 'looked_after' | 'child_protection' | 'child_in_need' | 'contact_only';
  rule_basis: 'birthday' | 'years_after_closure';
  rule_years: number;
  kept_until: DateOnly | null;
  status: Generated<DisposalItemStatus>;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  disposed_on: DateOnly | null;
}

export interface Schema extends LearningReviewTables, ReviewRepositoryTables, SubjectAccessTables {
  schema_migrations: SchemaMigrationsTable;
  local_authorities: LocalAuthoritiesTable;
  organisations: OrganisationsTable;
  organisation_areas: OrganisationAreasTable;
  teams: TeamsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  team_memberships: TeamMembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  oidc_providers: OidcProvidersTable;
  api_clients: ApiClientsTable;
  people: PeopleTable;
  restricted_access: RestrictedAccessTable;
  allocations: AllocationsTable;
  involvements: InvolvementsTable;
  involvement_concerns: InvolvementConcernsTable;
  involvement_lookups: InvolvementLookupsTable;
  involvement_index_cursors: InvolvementIndexCursorsTable;
  involvement_index_notices: InvolvementIndexNoticesTable;
  contacts: ContactsTable;
  inspections: InspectionsTable;
  inspection_inspectors: InspectionInspectorsTable;
  inspection_samples: InspectionSamplesTable;
  inspection_annex_a_lists: InspectionAnnexAListsTable;
  inspection_annex_a_rows: InspectionAnnexARowsTable;
  break_glass_grants: BreakGlassGrantsTable;
  notifications: NotificationsTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  visits: VisitsTable;
  person_names: PersonNamesTable;
  addresses: AddressesTable;
  person_relationships: PersonRelationshipsTable;
  early_help_episodes: EarlyHelpEpisodesTable;
  cin_episodes: CinEpisodesTable;
  assessments: AssessmentsTable;
  strategy_discussions: StrategyDiscussionsTable;
  s47_enquiries: S47EnquiriesTable;
  conferences: ConferencesTable;
  cp_plans: CpPlansTable;
  cin_plans: CinPlansTable;
  care_episodes: CareEpisodesTable;
  care_reviews: CareReviewsTable;
  missing_episodes: MissingEpisodesTable;
  case_notes: CaseNotesTable;
  documents: DocumentsTable;
  plan_goals: PlanGoalsTable;
  goal_scores: GoalScoresTable;
  plan_reviews: PlanReviewsTable;
  timescales: TimescalesTable;
  journey_events: JourneyEventsView;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  la_settings: LaSettingsTable;
  la_credentials: LaCredentialsTable;
  installation_keys: InstallationKeysTable;
  retention_rules: RetentionRulesTable;
  legal_holds: LegalHoldsTable;
  disposal_batches: DisposalBatchesTable;
  disposal_items: DisposalItemsTable;
  transfers: TransfersTable;
}
