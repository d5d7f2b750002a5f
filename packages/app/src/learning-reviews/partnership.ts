/**
 * The safeguarding partnership of an LA (the LA, the police force and the NHS bodies of the area)
 * and its contributory-factor taxonomy, shipped with the default below (after SCIE's Learning
 * Together model) and configurable per partnership.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';

/** The default contributory factors. */
export const DEFAULT_FACTORS: readonly (readonly [code: string, label: string])[] = [
  ['family-professional', 'Family–professional interaction'],
  ['human-tool', 'Human–tool operation'],
  ['management-systems', 'Management systems'],
  ['multi-agency-assessment', 'Multi-agency working in assessment'],
  ['multi-agency-crisis', 'Multi-agency working in crises'],
  ['reasoning-norms', 'Professional reasoning and norms'],
  ['resources', 'Resources'],
];

export interface Partnership {
  id: string;
  name: string;
  region: string | null;
  members: { id: string; name: string; kind: string }[];
}

/**
 * The LA's partnership (the first by name), with its members; null when the LA has none yet.
 */
export async function partnershipOf(tx: Tx, laCode: string): Promise<Partnership | null> {
  const p = await tx
    .selectFrom('safeguarding_partnerships')
    .select(['id', 'name', 'region'])
    .where('la_code', '=', laCode)
    .orderBy('name')
    .executeTakeFirst();
  if (p === undefined) return null;
  const members = await tx
    .selectFrom('partnership_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('m.partnership_id', '=', p.id)
    .orderBy('o.name')
    .execute();
  return { ...p, members };
}

/**
 * Creates a partnership with its member organisations and the default taxonomy (used by the demo
 * seed, tests and an administrator's set-up).
 */
export async function createPartnership(
  tx: Kysely<Schema>,
  laCode: string,
  name: string,
  memberIds: readonly string[],
  region: string | null = null,
): Promise<string> {
  const { id } = await tx
    .insertInto('safeguarding_partnerships')
    .values({ la_code: laCode, name, region })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (memberIds.length > 0)
    await tx
      .insertInto('partnership_members')
      .values(memberIds.map((o) => ({ partnership_id: id, organisation_id: o, la_code: laCode })))
      .execute();
  await tx
    .insertInto('partnership_factors')
    .values(DEFAULT_FACTORS.map(([code, label]) => ({ partnership_id: id, code, label, la_code: laCode })))
    .execute();
  return id;
}

/** The partnership's active contributory factors, as form options. */
export async function factorsOf(tx: Tx, partnershipId: string): Promise<[string, string][]> {
  const rows = await tx
    .selectFrom('partnership_factors')
    .select(['code', 'label'])
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .orderBy('label')
    .execute();
  return rows.map((r) => [r.code, r.label]);
}

/** Adds a factor to the partnership's taxonomy (code made from the label). */
export async function addFactor(tx: Tx, laCode: string, partnershipId: string, label: string): Promise<void> {
  const code = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  await tx
    .insertInto('partnership_factors')
    .values({ partnership_id: partnershipId, code: code === '' ? 'factor' : code, label, la_code: laCode })
    .onConflict((oc) => oc.columns(['partnership_id', 'code']).doUpdateSet({ active: true, label }))
    .execute();
}
