/**
 * The cast of a subject access bundle, built from the record (the same tables the learning
 * reviews' cast reads), with each member's disclosure: who the bundle is about and who asked are
 * disclosed; everyone else the record names about them is a third party and redacted.
 *
 * The rule (README.md, docs/dpia.md):
 * - disclosed: the subject, the requester (a parent asking for their child, or the subject), their
 *   own addresses and identifiers, and staff and professionals named in their professional role
 *   (allocated workers, whoever recorded an entry, partner professionals involved, a professional
 *   referrer who did not ask not to be named);
 * - redacted: other family members (brothers and sisters, the other parent, partners,
 *   grandparents…), anyone else on the record, referrers who asked not to be named (even when they
 *   are also staff) and members of the public who made a referral (referrers.ts; the source's
 *   kind, "school" or "police", stays), their addresses, dates of birth and identifiers, and every
 *   name the engine finds that the record does not list.
 */
import type { Cast, CastPerson, CastPlace, PersonRole } from '@waypoint/redaction';
import type { Tx } from '../db/tenant.ts';
import { castPersonOf } from '../learning-reviews/cast.ts';
import { referrerDisclosure, referrersOf } from './referrers.ts';

const familyRole: Record<string, PersonRole> = {
  mother: 'mother',
  father: 'father',
  'step-parent': 'relative',
  sibling: 'sibling',
  'half-sibling': 'sibling',
  grandparent: 'relative',
  carer: 'carer',
  'foster-carer': 'foster-carer',
  'partner-of-parent': 'mothers-partner',
  'unborn-child-of': 'sibling',
  child: 'relative',
  other: 'relative',
};

/** Why a cast member is disclosed or redacted, in words for the review screen. */
export type Disclosure =
  | {
      redact: false;
      why:
        | 'the subject'
        | 'the requester'
        | 'a professional in their role'
        | 'a professional referrer, in their role'
        | 'their own details';
    }
  | {
      redact: true;
      why:
        | 'a family member'
        | 'someone else on the record'
        | 'a referrer who asked not to be named'
        | 'a member of the public who made a referral'
        | "a third party's details";
    };

export interface SubjectCast {
  cast: Cast;
  /** Cast id → disclosure. */
  disclosure: Map<string, Disclosure>;
  /** The subject's and the requester's identifiers and postcodes, normalised (`normaliseIdentifier`). */
  ownIdentifiers: Set<string>;
  /** The LA's organisations' names: agencies, never a third party (the engine's allow list). */
  organisations: string[];
}

/** An identifier as compared: letters and digits only, upper case ("943 476 5919" → "9434765919"). */
export const normaliseIdentifier = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

/** Builds the cast of `subjectId`'s bundle, `requesterId` being who asked (when on the record). */
export async function buildSubjectCast(
  tx: Tx,
  subjectId: string,
  requesterId: string | null,
): Promise<SubjectCast> {
  const disclosure = new Map<string, Disclosure>();
  const people: CastPerson[] = [];
  const places: CastPlace[] = [];
  const own = new Set([subjectId, ...(requesterId === null ? [] : [requesterId])]);

  // The family: everyone related to the subject, then everyone related to those (siblings through
  // a shared parent, the other parent's partner).
  const related = async (ids: string[]) =>
    ids.length === 0
      ? []
      : tx
          .selectFrom('person_relationships')
          .select(['person_id', 'related_person_id', 'type'])
          .where((eb) => eb.or([eb('person_id', 'in', ids), eb('related_person_id', 'in', ids)]))
          .orderBy('related_person_id')
          .orderBy('person_id')
          .execute();
  const first = await related([subjectId]);
  const near = [...new Set(first.flatMap((r) => [r.person_id, r.related_person_id]))];
  const second = await related(near.filter((id) => id !== subjectId));
  const ids = [
    ...new Set([subjectId, ...near, ...second.flatMap((r) => [r.person_id, r.related_person_id])]),
  ];
  const rows = await tx.selectFrom('people').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const names = await tx
    .selectFrom('person_names')
    .select(['person_id', 'given_name', 'family_name'])
    .where('person_id', 'in', ids)
    .execute();
  const roleOf = (id: string): PersonRole => {
    if (id === subjectId) return 'child';
    const direct = first.find((f) => f.person_id === subjectId && f.related_person_id === id);
    if (direct !== undefined) return familyRole[direct.type] ?? 'relative';
    const back = first.find((f) => f.related_person_id === subjectId && f.person_id === id);
    if (back?.type === 'child') return 'mother';
    if (back?.type === 'mother' || back?.type === 'father' || back?.type === 'sibling') return 'sibling';
    // Through a parent: another child of the subject's parent is a sibling.
    const viaParent = second.find(
      (f) =>
        (f.person_id === id && (f.type === 'mother' || f.type === 'father')) ||
        (f.related_person_id === id && f.type === 'child'),
    );
    return viaParent !== undefined ? 'sibling' : 'relative';
  };
  const ordered = [
    ...rows.filter((r) => r.id === subjectId),
    ...rows.filter((r) => r.id === requesterId),
    ...rows.filter((r) => !own.has(r.id)),
  ];
  for (const p of ordered) {
    const role = roleOf(p.id);
    people.push(castPersonOf(p, role, names));
    disclosure.set(
      p.id,
      p.id === subjectId
        ? { redact: false, why: 'the subject' }
        : p.id === requesterId
          ? { redact: false, why: 'the requester' }
          : { redact: true, why: 'a family member' },
    );
  }

  // Referrers named on the subject's contacts, before staff: one who asked not to be named stays
  // redacted even when they are also a member of staff.
  const personNames = new Set(people.flatMap((p) => p.names.map((n) => n.toLowerCase())));
  const contacts = await tx
    .selectFrom('contacts')
    .select(['id', 'raised_by', 'source', 'referrer_asked_not_named'])
    .where('person_id', '=', subjectId)
    .where('raised_by', 'is not', null)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
  for (const r of referrersOf(contacts)) {
    if (personNames.has(r.name.toLowerCase())) continue;
    personNames.add(r.name.toLowerCase());
    const id = `referrer-${r.contactId}`;
    const why = referrerDisclosure(r);
    people.push(
      why.redact
        ? { id, role: 'other', names: [r.name], pseudonym: 'the referrer' }
        : { id, role: 'professional', profession: 'professional', names: [r.name] },
    );
    disclosure.set(id, why);
  }

  // Staff and professionals, disclosed in their role: allocated workers, authors of entries,
  // partner professionals involved.
  const staff = await tx
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where((eb) =>
      eb.or([
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('allocations')
            .select('worker_user_id')
            .where('person_id', '=', subjectId)
            .where('worker_user_id', 'is not', null)
            .$castTo<string>(),
        ),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('journey_events')
            .select('author_id')
            .where('person_id', '=', subjectId)
            .where('author_id', 'is not', null)
            .$castTo<string>(),
        ),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('involvements')
            .select('user_id')
            .where('person_id', '=', subjectId)
            .where('user_id', 'is not', null)
            .$castTo<string>(),
        ),
      ]),
    )
    .orderBy('u.id')
    .execute();
  for (const s of staff) {
    if (personNames.has(s.name.toLowerCase())) continue;
    personNames.add(s.name.toLowerCase());
    const id = `staff-${s.id}`;
    people.push({ id, role: 'professional', profession: 'professional', names: [s.name] });
    disclosure.set(id, { redact: false, why: 'a professional in their role' });
  }

  // Addresses: the subject's and the requester's are theirs; any other only a third party's.
  const addresses = await tx
    .selectFrom('addresses')
    .select(['id', 'person_id', 'line1', 'line2', 'town', 'postcode', 'is_restricted'])
    .where('person_id', 'in', ids)
    .orderBy('started_on')
    .orderBy('id')
    .execute();
  const seen = new Map<string, string>();
  for (const a of [...addresses].sort(
    (x, y) => Number(own.has(y.person_id)) - Number(own.has(x.person_id)),
  )) {
    const full =
      [a.line1, a.line2, a.town].filter((x) => x !== null && x !== '').join(', ') + ` ${a.postcode}`;
    if (seen.has(full)) continue;
    const id = `address-${a.id}`;
    seen.set(full, id);
    places.push({ id, kind: 'address', names: [full, a.line1], postcode: a.postcode });
    disclosure.set(
      id,
      own.has(a.person_id) && !a.is_restricted
        ? { redact: false, why: 'their own details' }
        : { redact: true, why: "a third party's details" },
    );
  }
  const ownIdentifiers = new Set<string>();
  for (const p of rows.filter((r) => own.has(r.id)))
    for (const v of [p.nhs_number, p.upn, p.la_child_id, p.id])
      if (v !== null && v !== '') ownIdentifiers.add(normaliseIdentifier(v));
  for (const a of addresses.filter((x) => own.has(x.person_id) && !x.is_restricted))
    ownIdentifiers.add(normaliseIdentifier(a.postcode));
  const organisations = (await tx.selectFrom('organisations').select('name').orderBy('name').execute()).map(
    (o) => o.name,
  );
  return {
    ownIdentifiers,
    organisations,
    cast: {
      people,
      places,
      identifiers: [...own].map((id) => ({ type: 'ID' as const, value: id, owner: id })),
    },
    disclosure,
  };
}
