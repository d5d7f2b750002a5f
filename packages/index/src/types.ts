/**
 * The contract between the index and its publishers and callers (notes: index-api.md). Similarity
 * scores appear nowhere in it: not in answers, not in notices, not in errors.
 */

/** One encoding as `@waypoint/pprl`'s `encodingToJson(encoder.encode(record))`: a line of JSON. */
export type EncodingJson = string;

export interface Publisher {
  organisationId: string;
  organisationName: string;
  kind: string;
  laCode: string | null;
}

export interface IndexCaller {
  userId: string;
  name: string;
  email: string;
  phone: string | null;
  organisationId: string;
  organisationName: string;
  laCode: string | null;
}

export const INDEX_REASONS = [
  'screening_contact',
  'assessment',
  'section_47',
  'child_protection',
  'welfare_concern',
  'missing',
  'emergency',
  'other',
] as const;
export type IndexReason = (typeof INDEX_REASONS)[number];

export interface IndexContact {
  name: string;
  phone: string;
  email: string;
}

export interface IndexPublication {
  publisher: Publisher;
  /** Idempotent per (publisher.organisationId, ref). */
  ref: string;
  /** Increases per ref; a publish/withdraw with a lower version than held is ignored ('stale'). */
  version: number;
  encoding: EncodingJson;
  service: string;
  role: string;
  contact: IndexContact;
  since: string;
  until: string | null;
  shielded: boolean;
}

export interface IndexAgency {
  organisation: string;
  service: string;
  role: string;
  contact: IndexContact;
  since: string;
  until: string | null;
  laCode: string | null;
}

export type IndexLookupAnswer =
  | { outcome: 'answered'; agencies: IndexAgency[]; lookupId: string }
  | { outcome: 'ambiguous'; lookupId: string }
  | { outcome: 'none'; lookupId: string };

export interface IndexNotice {
  id: string;
  organisationId: string;
  at: string;
  kind: 'shielded_hit' | 'lookup_on_records';
  ref: string;
  caller: IndexCaller;
  reason: IndexReason;
  reasonText: string | null;
  shieldedContact: IndexContact | null;
}

export interface IndexLookupRecord {
  lookupId: string;
  at: string;
  caller: IndexCaller;
  reason: IndexReason;
  reasonText: string | null;
  refs: string[];
  disclosed: boolean;
}

export interface IndexLookupQuery {
  encoding: EncodingJson;
  caller: IndexCaller;
  reason: IndexReason;
  reasonText: string | null;
  excludeRefs?: { organisationId: string; ref: string }[];
}

export interface IndexWithdrawal {
  organisationId: string;
  ref: string;
  version: number;
}

/** The kinds of CP-IS flag (a child protection plan, looked after, an unborn child's plan). */
export const CPIS_FLAG_KINDS = ['cpp', 'lac', 'unborn-cpp'] as const;
export type CpisFlagKind = (typeof CPIS_FLAG_KINDS)[number];

/**
 * A CP-IS flag as the LA publishes it: keyed pseudonyms (hex) of the NHS number (`nhsKey`) and of
 * the NHS number with the confirming date of birth (`dobKey`), computed on the LA's side under the
 * key `keyId`; the plan's dates; nothing else about the child.
 */
export interface CpisFlagEntry {
  kind: CpisFlagKind;
  keyId: string;
  nhsKey: string;
  dobKey: string | null;
  since: string;
  until: string | null;
  expectedDateOfBirth: string | null;
  restricted: boolean;
}

/** All of one child's flags from one LA (replacing what is held for `ref`; none withdraws them). */
export interface CpisFlagPublication {
  publisher: Publisher & { laCode: string };
  ref: string;
  /** Increases per ref (milliseconds are fine): a lower version than held is ignored. */
  version: number;
  flags: CpisFlagEntry[];
}

/** An unscheduled-care check: the pseudonyms the caller's system computed, who, where. */
export interface CpisFlagCheck {
  caller: IndexCaller;
  role: string;
  setting: string;
  keyId: string;
  nhsKey: string;
  /** Null when the caller gave no date of birth (a FHIR search on a traced NHS number). */
  dobKey: string | null;
}

export interface CpisFlagHit {
  organisationId: string;
  laCode: string;
  ref: string;
  kind: CpisFlagKind;
  since: string;
  until: string | null;
  expectedDateOfBirth: string | null;
  restricted: boolean;
  /** The date of birth confirms the number (true when none was given). */
  confirmed: boolean;
}

export interface IndexClient {
  publish(p: IndexPublication): Promise<{ status: 'stored' | 'unchanged' | 'stale' }>;
  /** Ending is a publish with `until`; withdraw is erasure: the encoding and details are deleted. */
  withdraw(w: IndexWithdrawal): Promise<void>;
  lookup(q: IndexLookupQuery): Promise<IndexLookupAnswer>;
  /** Notices for one organisation after a cursor (the last id seen), oldest first. */
  notices(q: { organisationId: string; after: string | null; limit?: number }): Promise<IndexNotice[]>;
  /** Look-ups that touched an organisation's records, for its DPO (and export). */
  lookupsOn(q: { organisationId: string; from: string; to: string }): Promise<IndexLookupRecord[]>;
}

/** The index's CP-IS flags (the same index, its own part of the API). */
export interface CpisFlagIndex {
  /** Replaces one child's CP-IS flags from one LA. */
  publishCpisFlags(p: CpisFlagPublication): Promise<{ status: 'stored' | 'stale' }>;
  /** The CP-IS flags held under an NHS-number pseudonym; the check is in the calling clinician's chain of the caller organisation's audit. */
  checkCpisFlags(q: CpisFlagCheck): Promise<CpisFlagHit[]>;
}

/** Bad input to the index (HTTP 400). Its message never holds a score or another party's data. */
export class IndexInputError extends Error {
  override readonly name = 'IndexInputError';
}
