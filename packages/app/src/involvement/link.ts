/**
 * The front door's "link involvement" task: a partner's involvement, recorded in the partner's own
 * space, is confirmed by the LA to be a child it holds a record for. Linking is what opens the
 * council's record to the partner practitioner (the `involved_professional` relationship, within
 * the involvement's dates). Concerns partners raised become contacts on the child's journey.
 */
import { sql } from 'kysely';
import { can } from '../access/capabilities.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { today } from '../http/forms/dates.ts';
import { loadJourneyState } from '../journey/state.ts';
import { contact } from '../journey/steps/front-door.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { enqueuePublish } from './publish.ts';

/** The referral source code (CIN census) of a concern, from the kind of organisation that raised it. */
const sourceOfKind: Record<string, string> = {
  police: '6',
  school: '2A',
  gp_practice: '3A',
  nhs_trust: '3F',
  early_help: '5D',
  youth_justice: '7',
  local_authority: '5C',
};

export interface LinkTask {
  id: string;
  child: {
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    nhsNumber: string | null;
    postcode: string | null;
  };
  organisation: string;
  service: string;
  role: string;
  contactName: string | null;
  since: string;
  linked: boolean;
  personId: string | null;
  openConcerns: { id: string; concern: string; isUrgent: boolean; raisedAt: Date }[];
}

function requireLinker(records: PersonRecords): void {
  if (!can(records.actor.roles, 'link_involvements')) throw new NotFoundError('may not link involvements');
}

async function loadTasks(tx: Tx, laCode: string, id: string | null): Promise<LinkTask[]> {
  const { rows } = await sql<{
    id: string;
    given: string | null;
    family: string | null;
    dob: string | null;
    nhs: string | null;
    postcode: string | null;
    organisation: string;
    service: string | null;
    role: string;
    contact_name: string | null;
    since: string;
    person_id: string | null;
    linked_at: Date | null;
    concerns: { id: string; concern: string; is_urgent: boolean; raised_at: string }[] | null;
  }>`
    select i.id, i.child_given_name as given, i.child_family_name as family, i.child_date_of_birth::text as dob,
      i.child_nhs_number as nhs, i.child_postcode as postcode, o.name as organisation, i.service, i.role, i.contact_name,
      i.started_on::text as since, i.person_id, i.linked_at,
      (select json_agg(json_build_object('id', c.id, 'concern', c.concern, 'is_urgent', c.is_urgent, 'raised_at', c.raised_at)
        order by c.is_urgent desc, c.raised_at) from involvement_concerns c where c.involvement_id = i.id and c.taken_at is null) as concerns
    from involvements i join organisations o on o.id = i.organisation_id
    where i.la_code = ${laCode} and i.source = 'partner' and i.erased_at is null
      and ${id === null ? sql`(i.linked_at is null or exists (select 1 from involvement_concerns c where c.involvement_id = i.id and c.taken_at is null))` : sql`i.id = ${id}`}
    order by exists (select 1 from involvement_concerns c where c.involvement_id = i.id and c.taken_at is null and c.is_urgent) desc,
      i.created_at
    limit 500`.execute(tx);
  return rows.map((r) => ({
    id: r.id,
    child: {
      givenName: r.given ?? '',
      familyName: r.family ?? '',
      dateOfBirth: r.dob,
      nhsNumber: r.nhs,
      postcode: r.postcode,
    },
    organisation: r.organisation,
    service: r.service ?? r.role,
    role: r.role,
    contactName: r.contact_name,
    since: r.since,
    linked: r.linked_at !== null,
    personId: r.person_id,
    openConcerns: (r.concerns ?? []).map((c) => ({
      id: c.id,
      concern: c.concern,
      isUrgent: c.is_urgent,
      raisedAt: new Date(c.raised_at),
    })),
  }));
}

/** The front door's list: partners' involvements to link, and concerns waiting (urgent first). Audited as one read. */
export async function linkTasks(records: PersonRecords): Promise<LinkTask[]> {
  requireLinker(records);
  return records.transaction(async (tx) => {
    const tasks = await loadTasks(tx, records.actor.laCode, null);
    await recordAudit(tx, records.actor, records.meta, {
      action: 'record.search',
      outcome: 'success',
      recordType: 'involvement',
      reason: `involvements to link; results=${tasks.length}`,
    });
    return tasks;
  });
}

/** One task with the council's records that may be this child (the caller's own search). @throws NotFoundError */
export async function linkTask(records: PersonRecords, id: string) {
  requireLinker(records);
  const canonical = canonicalUuid(id);
  if (canonical === null) throw new NotFoundError(`no involvement ${id}`);
  const task = await records.transaction(async (tx) => {
    const [t] = await loadTasks(tx, records.actor.laCode, canonical);
    if (t !== undefined)
      await recordAudit(tx, records.actor, records.meta, {
        action: 'record.view',
        outcome: 'success',
        recordType: 'involvement',
        recordId: t.id,
      });
    return t;
  });
  if (task === undefined) throw new NotFoundError(`no involvement ${id}`);
  const name = `${task.child.givenName} ${task.child.familyName}`;
  const byName = await records.search({ name, dateOfBirth: task.child.dateOfBirth ?? undefined }, 10);
  const byNhs =
    task.child.nhsNumber === null ? [] : await records.search({ nhsNumber: task.child.nhsNumber }, 5);
  const seen = new Set<string>();
  const candidates = [...byNhs, ...byName]
    .filter((c) => c.abilities.record_contact && !seen.has(c.person.id) && seen.add(c.person.id))
    .map((c) => ({
      id: c.person.id,
      name: `${c.person.given_name} ${c.person.family_name}`,
      dateOfBirth: c.person.date_of_birth,
      nhsNumber: c.person.nhs_number,
    }));
  return { task, candidates };
}

/**
 * Records each open concern of the involvement as a contact on the child's journey, unless a
 * contact is already being screened (then they wait, and say so). Returns how many were recorded.
 */
async function takeConcerns(
  tx: Tx,
  laCode: string,
  userId: string,
  personId: string,
  involvementId: string,
): Promise<number> {
  const concerns = await tx
    .selectFrom('involvement_concerns as c')
    .innerJoin('involvements as i', 'i.id', 'c.involvement_id')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select(['c.id', 'c.concern', 'c.raised_at', 'o.kind', 'o.name', 'i.contact_name', 'i.role'])
    .where('c.involvement_id', '=', involvementId)
    .where('c.taken_at', 'is', null)
    .orderBy('c.raised_at')
    .execute();
  let taken = 0;
  for (const c of concerns) {
    const state = await loadJourneyState(tx, personId);
    if (state.screeningContact !== null) break;
    const receivedOn = c.raised_at.toISOString().slice(0, 10);
    const saved = await contact.save(
      { tx, laCode, userId, personId, state, today: today() },
      {
        receivedOn,
        source: sourceOfKind[c.kind] ?? '8',
        raisedBy: `${c.contact_name ?? ''}, ${c.role}, ${c.name}`.slice(0, 500),
        worries: c.concern,
      },
    );
    await tx
      .updateTable('involvement_concerns')
      .set({ contact_id: saved.id, taken_at: new Date() })
      .where('id', '=', c.id)
      .execute();
    taken++;
  }
  return taken;
}

/**
 * Links a partner's involvement to the council's record of `personId` (the caller must be able to
 * record a contact on it), publishes it again, and records its open concerns as contacts. One
 * transaction, one audit event. @throws NotFoundError, ValidationError (already linked elsewhere)
 */
export async function linkInvolvement(
  records: PersonRecords,
  involvementId: string,
  personId: string,
): Promise<{ concerns: number }> {
  requireLinker(records);
  const id = canonicalUuid(involvementId);
  if (id === null) throw new NotFoundError(`no involvement ${involvementId}`);
  return records.withRecord(personId, 'record_contact', 'involvement.link', async (tx, opened, ctx) => {
    const row = await tx
      .selectFrom('involvements')
      .select(['id', 'person_id', 'linked_at', 'version'])
      .where('id', '=', id)
      .where('la_code', '=', ctx.actor.laCode)
      .where('source', '=', 'partner')
      .where('erased_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`no involvement ${id}`);
    if (row.linked_at !== null && row.person_id !== opened.person.id)
      throw new ValidationError([
        { field: 'personId', message: 'This involvement is already linked to another child’s record' },
      ]);
    if (row.linked_at === null) {
      await tx
        .updateTable('involvements')
        .set({
          person_id: opened.person.id,
          linked_at: new Date(),
          linked_by: ctx.actor.userId,
          version: row.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await enqueuePublish(tx, id);
    }
    const concerns = await takeConcerns(tx, ctx.actor.laCode, ctx.actor.userId, opened.person.id, id);
    return { concerns };
  });
}
