/**
 * CP-IS flags in the index: published by an LA as keyed pseudonyms of the NHS number (never the
 * number), checked by unscheduled care with the pseudonyms its own side computed under the same
 * key. A check is one read and one audit entry in the caller organisation's audit, in the
 * clinician's own chain there (`cpisCheckChain`: who, role, organisation, setting, what was
 * found); the index answers only the flag's kind and dates, the responsible LA and the
 * publisher's reference, never a similarity or another caller's data.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IndexSchema } from './db.ts';
import { callerSchema, isoDate, parseInput, publisherSchema, ref } from './schemas.ts';
import { appendAudit, cpisCheckChain } from './audit.ts';
import {
  CPIS_FLAG_KINDS,
  type CpisFlagCheck,
  type CpisFlagHit,
  type CpisFlagKind,
  type CpisFlagPublication,
} from './types.ts';

/** A keyed pseudonym: 64 lower-case hex digits (HMAC-SHA-256). */
const pseudonym = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (a keyed pseudonym)');
const keyId = z
  .string()
  .regex(/^[0-9a-z][0-9a-z._:-]{0,99}$/, 'must be a key identifier (letters, digits, . _ : -)');
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL byte');

export const cpisFlagSchema = z
  .object({
    kind: z.enum(CPIS_FLAG_KINDS),
    keyId,
    nhsKey: pseudonym,
    dobKey: pseudonym.nullable(),
    since: isoDate,
    until: isoDate.nullable(),
    expectedDateOfBirth: isoDate.nullable(),
    restricted: z.boolean(),
  })
  .refine((f) => f.until === null || f.until >= f.since, {
    message: 'until must not be before since',
    path: ['until'],
  });

export const cpisPublicationSchema = z
  .object({
    publisher: publisherSchema.extend({ laCode: text(20) }),
    ref,
    version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    flags: z.array(cpisFlagSchema).max(3),
  })
  .refine((p) => new Set(p.flags.map((f) => f.kind)).size === p.flags.length, {
    message: 'one flag of each kind at most',
    path: ['flags'],
  });

export const cpisCheckSchema = z.object({
  caller: callerSchema,
  role: text(100),
  setting: text(300),
  keyId,
  nhsKey: pseudonym,
  dobKey: pseudonym.nullable(),
});

export async function publishCpisFlags(
  db: Kysely<IndexSchema>,
  input: CpisFlagPublication,
): Promise<{ status: 'stored' | 'stale' }> {
  const p = parseInput(cpisPublicationSchema, input, 'CP-IS flags');
  const org = p.publisher.organisationId;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cpis_flag_sets')
      .values({
        organisation_id: org,
        ref: p.ref,
        version: -1,
        la_code: p.publisher.laCode,
        organisation_name: p.publisher.organisationName,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'ref']).doNothing())
      .execute();
    const held = await trx
      .selectFrom('cpis_flag_sets')
      .select('version')
      .where('organisation_id', '=', org)
      .where('ref', '=', p.ref)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // An equal version is the same publication again (a retried job): replacing is harmless.
    if (Number(held.version) > p.version) return { status: 'stale' as const };
    await trx
      .updateTable('cpis_flag_sets')
      .set({
        version: p.version,
        la_code: p.publisher.laCode,
        organisation_name: p.publisher.organisationName,
        updated_at: new Date(),
      })
      .where('organisation_id', '=', org)
      .where('ref', '=', p.ref)
      .execute();
    await trx.deleteFrom('cpis_flags').where('organisation_id', '=', org).where('ref', '=', p.ref).execute();
    if (p.flags.length > 0)
      await trx
        .insertInto('cpis_flags')
        .values(
          p.flags.map((f) => ({
            organisation_id: org,
            ref: p.ref,
            kind: f.kind,
            key_id: f.keyId,
            nhs_key: f.nhsKey,
            dob_key: f.dobKey,
            since: f.since,
            until: f.until,
            expected_date_of_birth: f.expectedDateOfBirth,
            restricted: f.restricted,
          })),
        )
        .execute();
    return { status: 'stored' as const };
  });
}

export async function checkCpisFlags(db: Kysely<IndexSchema>, input: CpisFlagCheck): Promise<CpisFlagHit[]> {
  const q = parseInput(cpisCheckSchema, input, 'CP-IS check');
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('cpis_flags as f')
      .innerJoin('cpis_flag_sets as s', (j) =>
        j.onRef('s.organisation_id', '=', 'f.organisation_id').onRef('s.ref', '=', 'f.ref'),
      )
      .select([
        'f.organisation_id',
        's.la_code',
        'f.ref',
        'f.kind',
        'f.since',
        'f.until',
        'f.expected_date_of_birth',
        'f.restricted',
        'f.dob_key',
      ])
      .where('f.nhs_key', '=', q.nhsKey)
      .where('f.key_id', '=', q.keyId)
      .orderBy('f.organisation_id')
      .orderBy('f.ref')
      .orderBy('f.kind')
      .execute();
    const hits: CpisFlagHit[] = rows.map((r) => ({
      organisationId: r.organisation_id,
      laCode: r.la_code,
      ref: r.ref,
      kind: r.kind as CpisFlagKind,
      since: r.since,
      until: r.until,
      expectedDateOfBirth: r.expected_date_of_birth,
      restricted: r.restricted,
      confirmed: q.dobKey === null || r.dob_key === q.dobKey,
    }));
    await appendAudit(
      trx,
      q.caller.organisationId,
      'cpis_check',
      {
        caller: q.caller,
        role: q.role,
        setting: q.setting,
        at: new Date().toISOString(),
        dateOfBirthGiven: q.dobKey !== null,
        found: hits.map((h) => ({
          organisationId: h.organisationId,
          ref: h.ref,
          kind: h.kind,
          confirmed: h.confirmed,
        })),
      },
      cpisCheckChain(q.caller.userId),
    );
    return hits;
  });
}
