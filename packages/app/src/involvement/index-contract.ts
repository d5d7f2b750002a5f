/**
 * The involvement index's client, as fixed in the contract between `@waypoint/index` and the app
 * (notes: index-api.md). A local copy of the types until the package lands on main; the adapter
 * is written against these and nothing else, so swapping this file for a re-export of
 * `@waypoint/index` changes no code.
 */

/** One encoding as a line of JSON (`@waypoint/pprl` `encodingToJson`). */
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
export type IndexReason =
  | 'screening_contact'
  | 'assessment'
  | 'section_47'
  | 'child_protection'
  | 'welfare_concern'
  | 'missing'
  | 'emergency'
  | 'other';
export interface IndexContact {
  name: string;
  phone: string;
  email: string;
}
export interface IndexPublication {
  publisher: Publisher;
  ref: string;
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
export interface IndexClient {
  publish(p: IndexPublication): Promise<{ status: 'stored' | 'unchanged' | 'stale' }>;
  withdraw(w: { organisationId: string; ref: string; version: number }): Promise<void>;
  lookup(q: {
    encoding: EncodingJson;
    caller: IndexCaller;
    reason: IndexReason;
    reasonText: string | null;
    excludeRefs?: { organisationId: string; ref: string }[];
  }): Promise<IndexLookupAnswer>;
  notices(q: { organisationId: string; after: string | null; limit?: number }): Promise<IndexNotice[]>;
  lookupsOn(q: { organisationId: string; from: string; to: string }): Promise<IndexLookupRecord[]>;
}
