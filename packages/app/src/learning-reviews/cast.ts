/**
 * The cast of a review, built from the record: the subject children, their siblings and household,
 * parents and partners (from the family relationships), the professionals involved by role ("the
 * health visitor", "Social Worker 2"), schools and GP practices, addresses, identifiers (NHS
 * numbers, UPNs, LA child ids, record ids) and dates of birth; then what reviewers added. Each
 * subject child's record read for it is audited (`record.view`, "redaction cast"). The cast is
 * ordered the same way every time, so pseudonyms are the same across every document of the review.
 */
import type { Cast, CastPerson, CastPlace, PersonRole } from '@waypoint/redaction';
import type { Tx } from '../db/tenant.ts';
import { PersonRecords } from '../records/person-records.ts';
import type { ReviewCaller, ReviewRow } from './access.ts';

const familyRole: Record<string, PersonRole> = {
  mother: 'mother',
  father: 'father',
  sibling: 'sibling',
  'half-sibling': 'sibling',
  grandparent: 'relative',
  carer: 'carer',
  'foster-carer': 'foster-carer',
  'partner-of-parent': 'mothers-partner',
  other: 'relative',
};

const placeKind = (orgKind: string): CastPlace['kind'] | null =>
  orgKind === 'school' ? 'school' : orgKind === 'gp_practice' ? 'gp' : null;

/** Roles reviewers may give an added person, as form options. */
export const ADDED_ROLES: [string, string][] = [
  ['relative', 'A relative'],
  ['friend', 'A friend of the family'],
  ['neighbour', 'A neighbour'],
  ['professional', 'A professional'],
  ['other', 'Someone else'],
];

/** Kinds reviewers may give an added place. */
export const PLACE_ROLES: [string, string][] = [
  ['school', 'A school'],
  ['gp', 'A GP practice'],
  ['hospital', 'A hospital'],
  ['nursery', 'A nursery'],
  ['street', 'A street'],
  ['town', 'A town or village'],
  ['address', 'An address'],
  ['other', 'Another place'],
];

/** A person of the record as the redaction engine's cast has them: names, aliases, dates and identifiers. */
export function castPersonOf(
  p: {
    id: string;
    sex: string | null;
    given_name: string;
    family_name: string;
    date_of_birth: string | null;
    nhs_number: string | null;
    upn: string | null;
    la_child_id: string | null;
  },
  role: PersonRole,
  names: readonly { person_id: string; given_name: string; family_name: string }[],
): CastPerson {
  return {
    id: p.id,
    role: role === 'mothers-partner' && p.sex === 'female' ? 'relative' : role,
    names: [`${p.given_name} ${p.family_name}`],
    aliases: names.filter((n) => n.person_id === p.id).map((n) => `${n.given_name} ${n.family_name}`),
    ...(p.date_of_birth === null ? {} : { dob: p.date_of_birth }),
    ...(p.nhs_number === null ? {} : { nhsNumber: p.nhs_number }),
    ids: [p.upn, p.la_child_id].filter((x): x is string => x !== null && x !== ''),
  };
}

/** Builds the review's cast (the same for everyone who may see the review). */
export async function buildCast(tx: Tx, caller: ReviewCaller, review: ReviewRow): Promise<Cast> {
  const records = new PersonRecords(caller.db, caller.actor, caller.meta);
  const people: CastPerson[] = [];
  const places: CastPlace[] = [];
  const childIds = (
    await tx
      .selectFrom('review_children')
      .select('person_id')
      .where('review_id', '=', review.id)
      .orderBy('person_id')
      .execute()
  ).map((r) => r.person_id);
  // The cast is the review's, not the caller's view of a record: whoever may see the review (its
  // reviewers, the business manager, the chair, the data protection officer) checks the text
  // against the same cast, so each subject child's record is read for it, and audited as such.
  const readable = childIds;
  for (const id of readable)
    await records.audit(tx, 'record.view', 'success', id, `learning review ${review.id}: redaction cast`);
  const personIds = new Set(readable);
  const family =
    readable.length === 0
      ? []
      : await tx
          .selectFrom('person_relationships as r')
          .select(['r.person_id', 'r.related_person_id', 'r.type'])
          .where((eb) =>
            eb.or([eb('r.person_id', 'in', readable), eb('r.related_person_id', 'in', readable)]),
          )
          .orderBy('r.related_person_id')
          .execute();
  for (const f of family) {
    personIds.add(f.person_id);
    personIds.add(f.related_person_id);
  }
  const ids = [...personIds];
  const rows =
    ids.length === 0
      ? []
      : await tx.selectFrom('people').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const names =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('person_names')
          .select(['person_id', 'given_name', 'family_name'])
          .where('person_id', 'in', ids)
          .execute();
  const roleOf = (id: string): PersonRole => {
    if (readable.includes(id)) return 'child';
    const rel = family.find((f) => readable.includes(f.person_id) && f.related_person_id === id);
    const back = family.find((f) => readable.includes(f.related_person_id) && f.person_id === id);
    if (rel !== undefined) return familyRole[rel.type] ?? 'relative';
    if (back?.type === 'child') return 'mother';
    return back?.type === 'mother' || back?.type === 'father' ? 'sibling' : 'relative';
  };
  // Children first (Child A, Child B in order), then the family.
  const ordered = [
    ...rows.filter((r) => readable.includes(r.id)),
    ...rows.filter((r) => !readable.includes(r.id)),
  ];
  for (const p of ordered) {
    people.push(castPersonOf(p, roleOf(p.id), names));
  }
  // Professionals: involvements and allocations of the subject children, by role.
  if (readable.length > 0) {
    const involved = await tx
      .selectFrom('involvements as i')
      .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
      .leftJoin('users as u', 'u.id', 'i.user_id')
      .select([
        'i.id',
        'i.role',
        'u.name as user_name',
        'o.id as org_id',
        'o.name as org_name',
        'o.kind as org_kind',
      ])
      .where('i.person_id', 'in', readable)
      .orderBy('i.started_on')
      .orderBy('i.id')
      .execute();
    const workers = await tx
      .selectFrom('allocations as a')
      .innerJoin('users as u', 'u.id', 'a.worker_user_id')
      .select(['u.id', 'u.name'])
      .where('a.person_id', 'in', readable)
      .orderBy('a.started_at')
      .execute();
    const proNames = new Set<string>();
    for (const w of workers)
      if (!proNames.has(w.name)) {
        proNames.add(w.name);
        people.push({
          id: `worker-${w.id}`,
          role: 'professional',
          profession: 'social worker',
          names: [w.name],
        });
      }
    for (const i of involved) {
      if (i.user_name !== null && !proNames.has(i.user_name)) {
        proNames.add(i.user_name);
        people.push({
          id: `involved-${i.id}`,
          role: 'professional',
          profession: i.role.toLowerCase(),
          names: [i.user_name],
        });
      }
      const kind = placeKind(i.org_kind);
      if (kind !== null && !places.some((p) => p.id === i.org_id))
        places.push({ id: i.org_id, kind, names: [i.org_name] });
    }
    const addresses = await tx
      .selectFrom('addresses')
      .select(['id', 'line1', 'line2', 'town', 'postcode'])
      .where('person_id', 'in', ids.length === 0 ? readable : ids)
      .orderBy('started_on')
      .orderBy('id')
      .execute();
    const seenAddress = new Set<string>();
    for (const a of addresses) {
      const full =
        [a.line1, a.line2, a.town].filter((x) => x !== null && x !== '').join(', ') + ` ${a.postcode}`;
      if (seenAddress.has(full)) continue;
      seenAddress.add(full);
      places.push({ id: `address-${a.id}`, kind: 'address', names: [full, a.line1], postcode: a.postcode });
    }
  }
  // What reviewers added.
  const added = await tx
    .selectFrom('review_cast_additions')
    .selectAll()
    .where('review_id', '=', review.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const a of added) {
    if (a.kind === 'person')
      people.push({
        id: `added-${a.id}`,
        role: (ADDED_ROLES.some(([r]) => r === a.role) ? a.role : 'other') as PersonRole,
        ...(a.role === 'professional' ? { profession: 'professional' } : {}),
        names: [a.name],
        aliases: a.aliases,
      });
    else
      places.push({
        id: `added-${a.id}`,
        kind: (PLACE_ROLES.some(([k]) => k === a.role) ? a.role : 'other') as CastPlace['kind'],
        names: [a.name, ...a.aliases],
      });
  }
  return {
    people,
    places,
    identifiers: readable.map((id) => ({ type: 'ID' as const, value: id, owner: id })),
  };
}
