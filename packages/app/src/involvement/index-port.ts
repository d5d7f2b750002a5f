/**
 * What the involvement capability needs from the involvement index, in its own words: publish an
 * involvement (the current state, idempotent per publisher reference), withdraw one, and look a
 * child up, read the index's notices and the look-ups on a publisher's records. `index-adapter.ts`
 * implements it over the index's `IndexClient`, encoding the identity on the app's side; `serve`
 * sets it at start and tests set their own (`setIndexPort`).
 */

/** The child as the publisher knows them: encoded on the publisher's side before it leaves. */
export interface ChildIdentity {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string | null;
  postcode: string | null;
  sex: 'female' | 'male' | 'unknown' | null;
}

export interface Publication {
  /** Stable per involvement: re-publishing replaces what the index holds for it. */
  ref: string;
  /** The involvement's version: higher replaces lower, so an end never overtakes its publication. */
  version: number;
  laCode: string;
  organisation: { id: string; name: string; kind: string };
  service: string;
  role: string;
  contact: { name: string; phone: string; email: string };
  since: string;
  until: string | null;
  shielded: boolean;
  identity: ChildIdentity;
}

export interface Caller {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  laCode: string;
  phone: string | null;
}

export interface Agency {
  organisation: string;
  service: string;
  role: string;
  contact: { name: string; phone: string; email: string };
  since: string;
  until: string | null;
  laCode: string;
}

export type LookupAnswer = (
  { outcome: 'answered'; agencies: Agency[] } | { outcome: 'ambiguous' } | { outcome: 'none' }
) & { indexLookupId?: string };

/** What the index tells a publisher (a shielded hit, a look-up on its records). */
export interface Notice {
  id: string;
  organisationId: string;
  at: string;
  kind: 'shielded_hit' | 'lookup_on_records';
  ref: string;
  caller: Caller | (Omit<Caller, 'laCode'> & { laCode: string | null });
  reason: string;
  reasonText: string | null;
  shieldedContact: { name: string; phone: string; email: string } | null;
}

/** A look-up that touched a publisher's records, for its data protection officer. */
export interface LookupOnRecords {
  lookupId: string;
  at: string;
  caller: Notice['caller'];
  reason: string;
  reasonText: string | null;
  refs: string[];
  disclosed: boolean;
}

export interface InvolvementIndexPort {
  publish(p: Publication): Promise<void>;
  withdraw(ref: string, laCode: string, organisationId: string, version: number): Promise<void>;
  lookup(q: {
    identity: ChildIdentity;
    caller: Caller;
    reason: string;
    reasonText: string | null;
    /** The caller's own publication, left out of the answer. */
    excludeRef: string | null;
  }): Promise<LookupAnswer>;
  /** Notices for one organisation after the last id seen, oldest first. */
  notices(organisationId: string, after: string | null): Promise<Notice[]>;
  /** Look-ups that touched the organisation's records from one ISO date to another (both included). */
  lookupsOn(organisationId: string, from: string, to: string): Promise<LookupOnRecords[]>;
}

let port: InvolvementIndexPort | null = null;

/** Sets the index the app publishes to and looks up in (at start; tests set their own). */
export function setIndexPort(p: InvolvementIndexPort | null): void {
  port = p;
}

/** The index, or null when this process has none (publishing then retries; a look-up says so). */
export function indexPort(): InvolvementIndexPort | null {
  return port;
}

/** The publisher reference of an involvement. */
export const publicationRef = (laCode: string, involvementId: string) =>
  `waypoint:${laCode}:involvement:${involvementId}`;

/** The involvement id in one of this LA's publisher references, or null for another's. */
export function involvementOfRef(laCode: string, ref: string): string | null {
  const m = /^waypoint:([0-9]{3}):involvement:([0-9a-f-]{36})$/.exec(ref);
  return m !== null && m[1] === laCode ? (m[2] ?? null) : null;
}
