/**
 * Publishing involvements to the index: a job enqueued in the same transaction as the change
 * (recorded, corrected, ended, linked, erased), run after commit with retries. Each run publishes
 * the involvement as it stands then (or withdraws it once erased), so a retried or repeated job
 * is harmless; one ordering key per involvement means an end never overtakes its publication.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { enqueue, registerJob } from '../jobs/index.ts';
import { indexPort, publicationRef, type Publication } from './index-port.ts';
import { refusedIsPermanent } from './index-refusal.ts';

export const INVOLVEMENT_PUBLISH = 'involvement.publish';

/** Enqueues the publication of involvement `id` in `tx` (the change's own transaction). */
export async function enqueuePublish(tx: Tx, id: string): Promise<void> {
  await enqueue(tx, INVOLVEMENT_PUBLISH, { involvementId: id }, { key: `involvement:${id}` });
}

type Prepared =
  | { kind: 'publish'; publication: Publication }
  | { kind: 'withdraw'; ref: string; organisationId: string; version: number }
  | { kind: 'skip' };

/** What the index should hold for the involvement now, read in the job's tenant. */
export async function preparePublication(tx: Tx, laCode: string, id: string): Promise<Prepared> {
  const { rows } = await sql<{
    id: string;
    version: number;
    source: string;
    organisation_id: string;
    organisation: string;
    organisation_kind: string;
    service: string | null;
    role: string;
    contact_name: string | null;
    contact_phone: string | null;
    contact_email: string | null;
    started_on: string;
    ended_on: string | null;
    is_shielded: boolean;
    erased_at: Date | null;
    given: string | null;
    family: string | null;
    dob: string | null;
    nhs: string | null;
    postcode: string | null;
    sex: 'female' | 'male' | 'unknown' | null;
    restricted: boolean | null;
  }>`
    select i.id, i.version, i.source, i.organisation_id, o.name as organisation, o.kind as organisation_kind, i.service, i.role,
      i.contact_name, i.contact_phone, i.contact_email, i.started_on::text, i.ended_on::text, i.is_shielded, i.erased_at,
      coalesce(i.child_given_name, p.given_name) as given, coalesce(i.child_family_name, p.family_name) as family,
      coalesce(i.child_date_of_birth, p.date_of_birth)::text as dob, coalesce(i.child_nhs_number, p.nhs_number) as nhs,
      coalesce(i.child_postcode, (select a.postcode from addresses a where a.person_id = p.id and a.ended_on is null
        and not a.is_restricted order by a.started_on desc limit 1)) as postcode,
      coalesce(i.child_sex, p.sex) as sex, p.is_restricted as restricted
    from involvements i join organisations o on o.id = i.organisation_id
    left join people p on p.id = i.person_id and (i.source <> 'partner' or i.child_given_name is null)
    where i.id = ${id} and i.la_code = ${laCode}`.execute(tx);
  const r = rows[0];
  if (r === undefined) return { kind: 'skip' };
  const ref = publicationRef(laCode, r.id);
  if (r.erased_at !== null)
    return { kind: 'withdraw', ref, organisationId: r.organisation_id, version: r.version };
  if (r.given === null || r.family === null || r.dob === null) return { kind: 'skip' };
  // The index answers with a named contact, a work phone and an email: an involvement the council
  // recorded without them (a practitioner noted on the record only) has nothing to tell a caller.
  if (!r.contact_name || !r.contact_phone || !r.contact_email) return { kind: 'skip' };
  return {
    kind: 'publish',
    publication: {
      ref,
      version: r.version,
      laCode,
      organisation: { id: r.organisation_id, name: r.organisation, kind: r.organisation_kind },
      service: r.service ?? r.role,
      role: r.role,
      contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
      since: r.started_on,
      until: r.ended_on,
      // A restricted council record (a child in a refuge) is always shielded.
      shielded: r.is_shielded || r.restricted === true,
      identity: {
        givenName: r.given,
        familyName: r.family,
        dateOfBirth: r.dob,
        nhsNumber: r.nhs,
        postcode: r.postcode,
        sex: r.sex,
      },
    },
  };
}

registerJob(
  INVOLVEMENT_PUBLISH,
  z.object({ involvementId: z.uuid() }),
  async ({ involvementId }, ctx) => {
    const prepared = await ctx.inTenant((tx) => preparePublication(tx, ctx.laCode, involvementId));
    if (prepared.kind === 'skip') return;
    const port = indexPort();
    // Retried with backoff until the index is reachable: never lost.
    if (port === null) throw new Error('this process has no involvement index to publish to');
    await refusedIsPermanent(async () => {
      if (prepared.kind === 'withdraw')
        await port.withdraw(prepared.ref, ctx.laCode, prepared.organisationId, prepared.version);
      else await port.publish(prepared.publication);
    });
  },
  { maxAttempts: 20, backoff: { baseMs: 5_000, maxMs: 900_000 } },
);
