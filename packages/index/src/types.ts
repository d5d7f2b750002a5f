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

/** Bad input to the index (HTTP 400). Its message never holds a score or another party's data. */
export class IndexInputError extends Error {
  override readonly name = 'IndexInputError';
}
