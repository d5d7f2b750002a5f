/**
 * Transparency to the holders: the data protection officer of a publisher (their own
 * organisation) reviews the look-ups in the index that touched its records (who, from where, why,
 * whether anything was disclosed) and exports them, with the notices the index sent it. The index
 * keeps the look-ups in its own audit; the app asks it outside any transaction, names the
 * involvements hit from its own records, and audits the review (or export) as one event.
 */
import type { Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { NotFoundError } from '../http/errors.ts';
import { indexPort, involvementOfRef } from './index-port.ts';
import { lookupReasons, wordsFor } from './words.ts';

export interface ReviewedLookup {
  lookupId: string;
  at: Date;
  caller: { name: string; email: string; phone: string | null; organisation: string; laCode: string | null };
  reason: string;
  reasonText: string | null;
  disclosed: boolean;
  /** The organisation's involvements the look-up hit (service and reference), or the index's refs for others. */
  hit: { reference: string; service: string | null; involvementId: string | null }[];
}

export interface LookupsReview {
  organisation: string;
  from: string;
  to: string;
  lookups: ReviewedLookup[];
  shieldedHits: number;
  /** The index could not be reached: nothing is shown or guessed, and the page says so. */
  unavailable: boolean;
}

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();

/**
 * The look-ups on the caller's organisation's records from `from` to `to` (ISO dates, both
 * included), newest first. Audited as `audit.view` (or `audit.export`). @throws NotFoundError
 * without `review_index_lookups`
 */
export async function reviewLookupsOn(
  db: Kysely<Schema>,
  actor: Actor,
  meta: RequestMeta,
  range: { from: string; to: string },
  purpose: 'view' | 'export' = 'view',
): Promise<LookupsReview> {
  if (!can(actor.roles, 'review_index_lookups')) throw new NotFoundError('may not review index look-ups');
  const unavailable = { organisation: '', ...range, lookups: [], shieldedHits: 0, unavailable: true };
  const port = indexPort();
  if (port === null) return unavailable;
  let records;
  try {
    records = await port.lookupsOn(actor.organisationId, range.from, range.to);
  } catch {
    return unavailable;
  }
  return inTenant(db, actor.laCode, async (tx) => {
    const org = await tx
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', actor.organisationId)
      .executeTakeFirst();
    const ids = [
      ...new Set(records.flatMap((r) => r.refs.map((ref) => involvementOfRef(actor.laCode, ref)))),
    ].filter((id): id is string => id !== null);
    const held =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('involvements')
            .select(['id', 'service', 'role'])
            .where('id', 'in', ids)
            .where('organisation_id', '=', actor.organisationId)
            .execute();
    const shielded = await tx
      .selectFrom('involvement_index_notices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organisation_id', '=', actor.organisationId)
      .where('kind', '=', 'shielded_hit')
      .where('noticed_at', '>=', new Date(`${range.from}T00:00:00Z`))
      .where('noticed_at', '<', new Date(dayAfter(range.to)))
      .executeTakeFirstOrThrow();
    const lookups: ReviewedLookup[] = records
      .map((r) => ({
        lookupId: r.lookupId,
        at: new Date(r.at),
        caller: {
          name: r.caller.name,
          email: r.caller.email,
          phone: r.caller.phone,
          organisation: r.caller.organisationName,
          laCode: r.caller.laCode,
        },
        reason: wordsFor(lookupReasons, r.reason),
        reasonText: r.reasonText,
        disclosed: r.disclosed,
        hit: r.refs.map((ref) => {
          const id = involvementOfRef(actor.laCode, ref);
          const h = held.find((x) => x.id === id);
          return {
            reference: h === undefined ? ref : h.id.slice(0, 8).toUpperCase(),
            service: h === undefined ? null : (h.service ?? h.role),
            involvementId: h?.id ?? null,
          };
        }),
      }))
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    await recordAudit(tx, actor, meta, {
      action: purpose === 'export' ? 'audit.export' : 'audit.view',
      outcome: 'success',
      recordType: 'involvement',
      reason: `index look-ups on ${org?.name ?? actor.organisationId}'s records ${range.from} to ${range.to}; results=${lookups.length}`,
    });
    return {
      organisation: org?.name ?? '',
      from: range.from,
      to: range.to,
      lookups,
      shieldedHits: Number(shielded.n),
      unavailable: false,
    };
  });
}
