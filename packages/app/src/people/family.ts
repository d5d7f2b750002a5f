/**
 * A person's family: relationships recorded either way round (a child's "mother" is, on her own
 * record, her "child"), each relative described by name only unless the caller may open their
 * record; and adding a family member, either someone already recorded or a new person, who is
 * then allocated to the child's team and worker so the people working with the child can see them.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { abilitiesFor, relationships } from '../access/policy.ts';
import { relationshipSql, restrictionAllowsSql } from '../access/relationships.ts';
import { relationshipTypes, type RelationshipType } from '../db/schema.ts';
import { ValidationError } from '../http/errors.ts';
import { lifeDate } from '../http/forms/dates.ts';
import { safeParseInput } from '../http/forms/issues.ts';
import { ageOn } from '../presenters/person.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { allocateTo } from './allocation.ts';
import { duplicateCandidates, type DuplicateCandidate } from './duplicates.ts';
import {
  insertPerson,
  insertRelationship,
  inverseOf,
  personInput,
  type PersonInput,
} from './person-input.ts';

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

export interface FamilyMember {
  relationshipId: string;
  personId: string;
  /** "Restricted record" when the relative's record is restricted from the caller. */
  name: string;
  age: string | null;
  dateOfBirth: string | null;
  /** What the relative is to this person: "Mother", "Child"... */
  type: string;
  /** True when the relationship was recorded from the relative's side. */
  recordedOnOther: boolean;
  parentalResponsibility: boolean;
  livesWith: boolean;
  startedOn: string | null;
  endedOn: string | null;
  canOpen: boolean;
}

/** The person's relationships both ways round; audited as a view. @throws NotFoundError */
export async function readFamily(
  records: PersonRecords,
  personId: string,
): Promise<{ opened: OpenedRecord; members: FamilyMember[] }> {
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened, ctx) => {
    const rels = await tx
      .selectFrom('person_relationships')
      .selectAll()
      .where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)]))
      .orderBy('started_on')
      .orderBy('recorded_at')
      .execute();
    const otherIds = [
      ...new Set(rels.map((r) => (r.person_id === personId ? r.related_person_id : r.person_id))),
    ];
    const rel = relationshipSql(ctx);
    const others =
      otherIds.length === 0
        ? []
        : await tx
            .selectFrom('people')
            .select(['people.id', 'people.given_name', 'people.family_name', 'people.date_of_birth'])
            .select((eb) => [
              ...relationships.map((r) => eb.val(rel[r]).as(`rel_${r}`)),
              eb.val(restrictionAllowsSql(ctx)).as('restriction_allows'),
            ])
            .where('people.id', 'in', otherIds)
            .execute();
    const byId = new Map(others.map((o) => [o.id, o]));
    const members = rels.flatMap((r): FamilyMember[] => {
      const forward = r.person_id === personId;
      const o = byId.get(forward ? r.related_person_id : r.person_id);
      if (o === undefined) return [];
      const flags = o as unknown as Record<string, unknown>;
      const allowed = flags.restriction_allows === true;
      const canOpen =
        allowed &&
        abilitiesFor(ctx.actor.roles, new Set(relationships.filter((x) => flags[`rel_${x}`] === true))).view;
      return [
        {
          relationshipId: r.id,
          personId: o.id,
          name: allowed ? `${o.given_name} ${o.family_name}` : 'Restricted record',
          dateOfBirth: allowed ? o.date_of_birth : null,
          age: allowed ? ageOn(o.date_of_birth) : null,
          type: relationshipLabels[forward ? r.type : inverseOf[r.type]],
          recordedOnOther: !forward,
          parentalResponsibility: r.parental_responsibility,
          livesWith: r.lives_with,
          startedOn: r.started_on,
          endedOn: r.ended_on,
          canOpen,
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
