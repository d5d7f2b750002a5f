/**
 * CP-IS flags in the involvement index: the port the app publishes a child's flags to and checks
 * a child in, over the index's `CpisFlagIndex` client (in-process or over HTTP, opened by
 * `involvement/open-index.ts`). The NHS number and date of birth are turned into keyed pseudonyms
 * here (`pseudonyms.ts`), on the LA's side; the index holds and sees only those. `serve` sets the
 * port at start; without one, checks use the app's own LAs' flags (`flag-directory.ts`).
 */
import type { CpisFlagIndex } from '@waypoint/index';
import type { Caller } from '../involvement/index-port.ts';
import { cpisPseudonyms } from './pseudonyms.ts';
import type { FlagKind } from './scope.ts';

/** One child's flags as the LA's record holds them (the key person's NHS number and date of birth). */
export interface FlagSet {
  laCode: string;
  personId: string;
  council: { id: string; name: string };
  version: number;
  flags: {
    kind: FlagKind;
    nhsNumber: string;
    keyDateOfBirth: string | null;
    since: string;
    until: string | null;
    expectedDateOfBirth: string | null;
    restricted: boolean;
  }[];
}

export interface FlagHit {
  laCode: string;
  personId: string;
  kind: FlagKind;
  since: string;
  until: string | null;
  expectedDateOfBirth: string | null;
  restricted: boolean;
  confirmed: boolean;
}

export interface FlagIndexPort {
  publish(set: FlagSet): Promise<void>;
  check(q: {
    nhsNumber: string;
    dateOfBirth: string | undefined;
    caller: Caller;
    role: string;
    setting: string;
  }): Promise<FlagHit[]>;
}

/** The publisher reference of a child's flags. */
export const flagsRef = (laCode: string, personId: string) => `waypoint:${laCode}:cpis:${personId}`;

/** The person in a flags reference of `laCode`, or null for anything else. */
export function personOfFlagsRef(laCode: string, ref: string): string | null {
  const m = /^waypoint:([0-9]{3}):cpis:([0-9a-f-]{36})$/.exec(ref);
  return m !== null && m[1] === laCode ? (m[2] ?? null) : null;
}

export function cpisFlagAdapter(client: CpisFlagIndex, secret: Uint8Array): FlagIndexPort {
  const p = cpisPseudonyms(secret);
  return {
    async publish(set) {
      await client.publishCpisFlags({
        publisher: {
          organisationId: set.council.id,
          organisationName: set.council.name,
          kind: 'local_authority',
          laCode: set.laCode,
        },
        ref: flagsRef(set.laCode, set.personId),
        version: set.version,
        flags: set.flags.map((f) => ({
          kind: f.kind,
          keyId: p.keyId,
          nhsKey: p.nhsKey(f.nhsNumber),
          dobKey: f.keyDateOfBirth === null ? null : p.dobKey(f.nhsNumber, f.keyDateOfBirth),
          since: f.since,
          until: f.until,
          expectedDateOfBirth: f.expectedDateOfBirth,
          restricted: f.restricted,
        })),
      });
    },
    async check(q) {
      const hits = await client.checkCpisFlags({
        caller: {
          userId: q.caller.userId,
          name: q.caller.name,
          email: q.caller.email,
          phone: q.caller.phone,
          organisationId: q.caller.organisationId,
          organisationName: q.caller.organisationName,
          laCode: q.caller.laCode,
        },
        role: q.role,
        setting: q.setting,
        keyId: p.keyId,
        nhsKey: p.nhsKey(q.nhsNumber),
        dobKey: q.dateOfBirth === undefined ? null : p.dobKey(q.nhsNumber, q.dateOfBirth),
      });
      return hits.flatMap((h) => {
        const personId = personOfFlagsRef(h.laCode, h.ref);
        return personId === null
          ? []
          : [
              {
                laCode: h.laCode,
                personId,
                kind: h.kind,
                since: h.since,
                until: h.until,
                expectedDateOfBirth: h.expectedDateOfBirth,
                restricted: h.restricted,
                confirmed: h.confirmed,
              },
            ];
      });
    },
  };
}

let port: FlagIndexPort | null = null;

/** Sets the index CP-IS publishes flags to and checks in (at start; tests set their own). */
export function setFlagIndexPort(p: FlagIndexPort | null): void {
  port = p;
}

/** The index, or null when this process has none. */
export function flagIndexPort(): FlagIndexPort | null {
  return port;
}
