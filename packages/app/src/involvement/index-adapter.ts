/**
 * The involvement index port over the index's client (`@waypoint/index`, in-process or over
 * HTTP). The child's identity is encoded here, on the publisher's side, with `@waypoint/pprl`'s
 * default schema and the linkage secret: only the encoding leaves the app. The involvement's
 * version goes with every publication and withdrawal, so the index ignores a stale one.
 *
 * @example
 * const { client } = await openIndex({ dataDir: join(config.dataDir, 'index') });
 * setIndexPort(indexAdapter(client, linkageSecret({ secret: config.linkageSecret, dataDir: config.dataDir })));
 */
import { defaultSchema, Encoder, encodingToJson } from '@waypoint/pprl';
import type { IndexCaller, IndexClient, IndexReason } from './index-contract.ts';
import type { Caller, ChildIdentity, InvolvementIndexPort, LookupAnswer } from './index-port.ts';
import { lookupReasons } from './words.ts';

const reasons: ReadonlySet<string> = new Set(lookupReasons.map(([code]) => code));

function indexReason(reason: string): IndexReason {
  if (!reasons.has(reason)) throw new Error(`not a look-up reason: ${reason}`);
  return reason as IndexReason;
}

function indexCaller(c: Caller): IndexCaller {
  return {
    userId: c.userId,
    name: c.name,
    email: c.email,
    phone: c.phone,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    laCode: c.laCode,
  };
}

/** Encodes identities under the default schema and one secret. */
export class IdentityEncoder {
  private readonly encoder: Encoder;

  constructor(secret: Uint8Array) {
    this.encoder = new Encoder(defaultSchema(), secret, { dateFormat: 'YYYY-MM-DD' });
  }

  /** The encoding (a line of JSON) of `identity`, under the opaque id `id`. */
  encode(id: string, identity: ChildIdentity): string {
    return encodingToJson(
      this.encoder.encode({
        id,
        given_name: identity.givenName,
        family_name: identity.familyName,
        dob: identity.dateOfBirth,
        nhs_number: identity.nhsNumber,
        postcode: identity.postcode,
        sex: identity.sex === 'unknown' ? null : identity.sex,
      }),
    );
  }
}

/** The port over `client`, encoding with `secret` (never sent). */
export function indexAdapter(client: IndexClient, secret: Uint8Array): InvolvementIndexPort {
  const encoder = new IdentityEncoder(secret);
  return {
    async publish(p) {
      await client.publish({
        publisher: {
          organisationId: p.organisation.id,
          organisationName: p.organisation.name,
          kind: p.organisation.kind,
          laCode: p.laCode,
        },
        ref: p.ref,
        version: p.version,
        encoding: encoder.encode(p.ref, p.identity),
        service: p.service,
        role: p.role,
        contact: p.contact,
        since: p.since,
        until: p.until,
        shielded: p.shielded,
      });
    },
    async withdraw(ref, _laCode, organisationId, version) {
      await client.withdraw({ organisationId, ref, version });
    },
    async lookup(q): Promise<LookupAnswer> {
      const answer = await client.lookup({
        encoding: encoder.encode('lookup', q.identity),
        caller: indexCaller(q.caller),
        reason: indexReason(q.reason),
        reasonText: q.reasonText,
        ...(q.excludeRef === null
          ? {}
          : { excludeRefs: [{ organisationId: q.caller.organisationId, ref: q.excludeRef }] }),
      });
      if (answer.outcome !== 'answered') return { outcome: answer.outcome, indexLookupId: answer.lookupId };
      return {
        outcome: 'answered',
        indexLookupId: answer.lookupId,
        agencies: answer.agencies.map((a) => ({ ...a, laCode: a.laCode ?? '' })),
      };
    },
    notices: (organisationId, after) => client.notices({ organisationId, after, limit: 200 }),
    lookupsOn: (organisationId, from, to) => client.lookupsOn({ organisationId, from, to }),
  };
}
