/**
 * A person's family: relationships recorded either way round (a child's "mother" is, on her own
 * record, her "child"), each relative described by name only unless the caller may open their
 * record; and adding a family member, either someone already recorded or a new person, who is
 * then allocated to the child's team and worker so the people working with the child can see them.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { accessColumns, accessOf, restrictionAllowsSql } from '../access/relationships.ts';
import { relationshipTypes, type RelationshipType } from '../db/schema.ts';
import { ValidationError } from '../http/errors.ts';
import { lifeDate } from '../http/forms/dates.ts';
import { safeParseInput } from '../http/forms/issues.ts';
import { ageOn } from '../presenters/person.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { allocateTo } from './allocation.ts';
import { duplicateCandidates, type DuplicateCandidate } from './duplicates.ts';
import { insertPerson, insertRelationship, personInput, type PersonInput } from './person-input.ts';

export const relationshipLabels: Record<RelationshipType, string> = {
  mother: 'Mother',
  father: 'Father',
  'step-parent': 'Step-parent',
  sibling: 'Brother or sister',
  'half-sibling': 'Half-brother or half-sister',
  grandparent: 'Grandparent',
  carer: 'Carer',
  'foster-carer': 'Foster carer',
  'partner-of-parent': 'Partner of a parent',
  'unborn-child-of': 'Unborn child',
  child: 'Child',
  other: 'Other',
};

/**
 * What the relative is to this person when the relationship was recorded on the relative's own
 * record the other way round: on Grace's record Jayden is her "child", so on his she is his parent.
 */
export const inverseLabels: Record<RelationshipType, string> = {
  mother: 'Child',
  father: 'Child',
  'step-parent': 'Step-child',
  sibling: relationshipLabels.sibling,
  'half-sibling': relationshipLabels['half-sibling'],
  grandparent: 'Grandchild',
  carer: 'Cared for by them',
  'foster-carer': 'Foster child',
  'partner-of-parent': 'Partner of a parent',
  'unborn-child-of': 'Parent of the unborn child',
  child: 'Parent',
  other: 'Other',
};
const parentTypes: readonly RelationshipType[] = ['mother', 'father', 'step-parent'];

export interface FamilyMember {
  /** Null for a brother or sister found through a shared parent rather than recorded. */
  relationshipId: string | null;
  personId: string;
  /** "Restricted record" when the relative's record is restricted from the caller. */
  name: string;
  age: string | null;
  dateOfBirth: string | null;
  /** What the relative is to this person: "Mother", "Child"... */
  type: string;
  /** True when the relationship was recorded from the relative's side. */
  recordedOnOther: boolean;
  /** True for a brother or sister found through a shared parent. */
  throughParent: boolean;
  parentalResponsibility: boolean;
  /** Null when not recorded (a brother or sister found through a parent). */
  livesWith: boolean | null;
  startedOn: string | null;
  endedOn: string | null;
  canOpen: boolean;
}

type RelRow = {
  id: string;
  person_id: string;
  related_person_id: string;
  type: RelationshipType;
  parental_responsibility: boolean;
  lives_with: boolean;
  started_on: string | null;
  ended_on: string | null;
};

/** Each (parent, child) pair in these rows, whichever side they were recorded on. */
function parentChildPairs(rows: readonly RelRow[]): { parent: string; child: string }[] {
  return rows.flatMap((r) =>
    parentTypes.includes(r.type)
      ? [{ parent: r.related_person_id, child: r.person_id }]
      : r.type === 'child'
        ? [{ parent: r.person_id, child: r.related_person_id }]
        : [],
  );
}

/**
 * The person's family: each relative once, as recorded on this person's record where it was, else
 * as recorded on the relative's (the other way round); and brothers and sisters found through a
 * shared parent even when nobody linked them. Audited as a view. @throws NotFoundError
 */
export async function readFamily(
  records: PersonRecords,
  personId: string,
): Promise<{ opened: OpenedRecord; members: FamilyMember[] }> {
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened, ctx) => {
    const columns = [
      'id',
      'person_id',
      'related_person_id',
      'type',
      'parental_responsibility',
      'lives_with',
      'started_on',
      'ended_on',
    ] as const;
    const rels: RelRow[] = await tx
      .selectFrom('person_relationships')
      .select(columns)
      .where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)]))
      .orderBy('started_on')
      .orderBy('recorded_at')
      .execute();
    // This person's parents, then everyone recorded as a child of any of them.
    const parents = [
      ...new Set(
        parentChildPairs(rels)
          .filter((p) => p.child === personId)
          .map((p) => p.parent),
      ),
    ];
    const parentRels: RelRow[] =
      parents.length === 0
        ? []
        : await tx
            .selectFrom('person_relationships')
            .select(columns)
            .where((eb) =>
              eb.or([
                eb.and([eb('person_id', 'in', parents), eb('type', '=', 'child')]),
                eb.and([eb('related_person_id', 'in', parents), eb('type', 'in', parentTypes)]),
              ]),
            )
            .execute();
    // And the other parents of those children, to tell a brother from a half-brother.
    const siblingIds = [...new Set(parentChildPairs(parentRels).map((p) => p.child))].filter(
      (id) => id !== personId,
    );
    const siblingRels: RelRow[] =
      siblingIds.length === 0
        ? []
        : await tx
            .selectFrom('person_relationships')
            .select(columns)
            .where((eb) =>
              eb.or([
                eb.and([eb('person_id', 'in', siblingIds), eb('type', 'in', parentTypes)]),
                eb.and([eb('related_person_id', 'in', siblingIds), eb('type', '=', 'child')]),
              ]),
            )
            .execute();
    const pairs = parentChildPairs([...rels, ...parentRels, ...siblingRels]);
    const parentsOf = (child: string) => new Set(pairs.filter((p) => p.child === child).map((p) => p.parent));
    const mine = parentsOf(personId);

    type Pending = Omit<FamilyMember, 'name' | 'age' | 'dateOfBirth' | 'canOpen'>;
    const pending: Pending[] = [];
    const add = (m: Pending, replaceInverse = false) => {
      const same = pending.filter((p) => p.personId === m.personId);
      if (same.some((p) => !p.recordedOnOther && !p.throughParent && p.type === m.type)) return;
      if (replaceInverse) {
        for (const p of same) if (p.recordedOnOther || p.throughParent) pending.splice(pending.indexOf(p), 1);
      } else if (same.length > 0) return;
      pending.push(m);
    };
    // Recorded on this person's record: every one (a relative may be both a carer and, later, a foster carer).
    for (const r of rels.filter((x) => x.person_id === personId))
      add(
        {
          relationshipId: r.id,
          personId: r.related_person_id,
          type: relationshipLabels[r.type],
          recordedOnOther: false,
          throughParent: false,
          parentalResponsibility: r.parental_responsibility,
          livesWith: r.lives_with,
          startedOn: r.started_on,
          endedOn: r.ended_on,
        },
        true,
      );
    // Recorded only on the relative's record.
    for (const r of rels.filter((x) => x.person_id !== personId))
      add({
        relationshipId: r.id,
        personId: r.person_id,
        type: inverseLabels[r.type],
        recordedOnOther: true,
        throughParent: false,
        // Whether the relative has parental responsibility for this person is said only from this side.
        parentalResponsibility: r.type === 'child' && r.parental_responsibility,
        livesWith: r.lives_with,
        startedOn: r.started_on,
        endedOn: r.ended_on,
      });
    // Brothers and sisters through a shared parent, when not linked directly.
    for (const sibling of siblingIds) {
      const theirs = parentsOf(sibling);
      const full = theirs.size === mine.size && [...mine].every((p) => theirs.has(p));
      add({
        relationshipId: null,
        personId: sibling,
        type: relationshipLabels[full ? 'sibling' : 'half-sibling'],
        recordedOnOther: false,
        throughParent: true,
        parentalResponsibility: false,
        livesWith: null,
        startedOn: null,
        endedOn: null,
      });
    }

    const otherIds = [...new Set(pending.map((p) => p.personId))];
    const others =
      otherIds.length === 0
        ? []
        : await tx
            .selectFrom('people')
            .select(['people.id', 'people.given_name', 'people.family_name', 'people.date_of_birth'])
            .select(accessColumns(ctx))
            .where('people.id', 'in', otherIds)
            .execute();
    const byId = new Map(others.map((o) => [o.id, o]));
    const members = pending.flatMap((m): FamilyMember[] => {
      const o = byId.get(m.personId);
      if (o === undefined) return [];
      const { abilities, restrictionAllows } = accessOf(ctx.actor.roles, o);
      return [
        {
          ...m,
          name: restrictionAllows ? `${o.given_name} ${o.family_name}` : 'Restricted record',
          dateOfBirth: restrictionAllows ? o.date_of_birth : null,
          age: restrictionAllows ? ageOn(o.date_of_birth) : null,
          canOpen: abilities.view,
        },
      ];
    });
    return { opened, members };
  });
}

const yesNo = (what: string) =>
  z.enum(['yes', 'no'], { error: `Select whether ${what}` }).transform((v) => v === 'yes');

/** How the family member is related: one schema for page and API. */
export const familyLinkInput = z
  .object({
    type: z.enum(relationshipTypes, { error: 'Select how they are related' }),
    parentalResponsibility: yesNo('they have parental responsibility'),
    livesWith: yesNo('the child lives with them'),
    startedOn: lifeDate('the date the relationship started').optional(),
  })
  .strict();

export type AddFamilyResult =
  { added: true; relatedPersonId: string } | { added: false; candidates: DuplicateCandidate[] };

/**
 * Adds a family member to the person's record: `relatedPersonId` (someone already recorded) or
 * `person` (someone new: checked for duplicates first unless `confirmNoDuplicate`).
 * @throws ValidationError naming each field; NotFoundError when the caller may not edit the record
 */
export async function addFamilyMember(
  records: PersonRecords,
  personId: string,
  input: { link: unknown; relatedPersonId?: string; person?: unknown; confirmNoDuplicate?: boolean },
): Promise<AddFamilyResult> {
  const link = safeParseInput(familyLinkInput, input.link);
  const errors = link.ok ? [] : link.errors;
  let newPerson: PersonInput | undefined;
  if (input.relatedPersonId === undefined) {
    const p = safeParseInput(personInput, input.person);
    if (p.ok) newPerson = p.data;
    else errors.push(...p.errors.filter((e) => !errors.some((x) => x.field === e.field)));
  } else if (!z.uuid().safeParse(input.relatedPersonId).success) {
    errors.push({ field: 'relatedPersonId', message: 'Select the family member' });
  }
  if (errors.length > 0 || !link.ok) throw new ValidationError(errors);
  const l = link.data;
  return records.withRecord(
    personId,
    'edit',
    'record.update',
    async (tx, opened, ctx) => {
      const w = { tx, laCode: ctx.actor.laCode, userId: ctx.actor.userId };
      let relatedId = input.relatedPersonId;
      if (newPerson !== undefined) {
        if (input.confirmNoDuplicate !== true) {
          const candidates = (await duplicateCandidates(tx, ctx, newPerson, undefined)).filter(
            (c) => c.id !== personId,
          );
          await records.audit(
            tx,
            'record.search',
            'success',
            null,
            `duplicate check; candidates=${candidates.length}`,
          );
          if (candidates.length > 0) return { added: false as const, candidates };
        }
        relatedId = await insertPerson(w, newPerson);
        const current = await tx
          .selectFrom('allocations')
          .select(['team_id', 'worker_user_id'])
          .where('person_id', '=', personId)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        const childName = `${opened.person.given_name} ${opened.person.family_name}`;
        if (current !== undefined)
          await allocateTo(w, relatedId, {
            teamId: current.team_id,
            workerUserId: current.worker_user_id,
            reason: `Family member of ${childName}`,
          });
        await records.audit(tx, 'record.create', 'success', relatedId, `family member of ${personId}`);
      } else {
        const found = await tx
          .selectFrom('people')
          .select('people.id')
          .where('people.id', '=', relatedId!)
          .where('people.la_code', '=', ctx.actor.laCode)
          .where(() => restrictionAllowsSql(ctx))
          .executeTakeFirst();
        if (found === undefined || relatedId === personId)
          throw new ValidationError([{ field: 'relatedPersonId', message: 'Select the family member' }]);
      }
      const id = await insertRelationship(w, personId, {
        relatedPersonId: relatedId!,
        type: l.type,
        parentalResponsibility: l.parentalResponsibility,
        livesWith: l.livesWith,
        startedOn: l.startedOn,
      });
      await records.audit(tx, 'record.update', 'success', personId, `relationship ${id} (${l.type}) added`);
      return { added: true as const, relatedPersonId: relatedId! };
    },
    { auditSuccess: false },
  );
}

/** A name for the relative being linked, if the caller may know it (search showed it). */
export async function nameForLinking(
  records: PersonRecords,
  relatedPersonId: string,
): Promise<string | null> {
  if (!z.uuid().safeParse(relatedPersonId).success) return null;
  return records.transaction(async (tx, ctx) => {
    const row = await tx
      .selectFrom('people')
      .select(sql<string>`people.given_name || ' ' || people.family_name`.as('name'))
      .where('people.id', '=', relatedPersonId)
      .where('people.la_code', '=', ctx.actor.laCode)
      .where(() => restrictionAllowsSql(ctx))
      .executeTakeFirst();
    if (row !== undefined)
      await records.audit(tx, 'record.search', 'success', relatedPersonId, 'name for a family link');
    return row?.name ?? null;
  });
}
