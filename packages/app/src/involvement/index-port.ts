/**
 * What the involvement capability needs from the involvement index, in its own words: publish an
 * involvement (the current state, idempotent per publisher reference), withdraw one, and look a
 * child up. `index-adapter.ts` implements it over the `IndexClient` from `involvement-index/`;
 * tests and a process without an index can set another (`setIndexPort`).
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

export type LookupAnswer =
  { outcome: 'answered'; agencies: Agency[] } | { outcome: 'ambiguous' } | { outcome: 'none' };

export interface InvolvementIndexPort {
  publish(p: Publication): Promise<void>;
  withdraw(ref: string, laCode: string, organisationId: string): Promise<void>;
  lookup(q: {
    identity: ChildIdentity;
    caller: Caller;
    reason: string;
    reasonText: string | null;
    /** The caller's own publication, left out of the answer. */
    excludeRef: string | null;
  }): Promise<LookupAnswer>;
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
