/**
 * A disposal world: a small fictional LA from the project's generator (families through the
 * domain model: journeys, notes, visits, plans, addresses, names, relationships, allocations), in
 * which one child with a child protection history and no brothers or sisters is made due for
 * disposal (born in 1999: past the 26th birthday), and their record is given a row in every other
 * table that can hold a person (CP-IS, feedback, messages, notifications, partners' involvements,
 * look-ups, learning reviews, inspection, supervision, break glass, a lifted legal hold, jobs),
 * each naming them in its text where it has text. A second due child, whose record is put on a
 * legal hold, and a child not yet due stay.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../../src/audit/record-audit.ts';
import type { Schema } from '../../src/db/schema.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { generateFictionalLas } from '../../src/seed/generate/index.ts';
import { dueDateOf } from '../../src/subject-access/due-dates.ts';
import { buildChild, buildLocalAuthority, buildUser, type BuiltLa, type BuiltUser } from './factories.ts';

export const LA = '990';
export const DUE_DOB = '1999-03-14';

export interface DisposalSubject {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string | null;
  upn: string | null;
  laChildId: string | null;
  email: string;
  mobile: string;
}

export interface DisposalWorld {
  la: BuiltLa;
  dpo: BuiltUser;
  admin: BuiltUser;
  worker: BuiltUser;
  subject: DisposalSubject;
  /** Also due, to be put on a legal hold. */
  held: { id: string; name: string };
  /** Not due (a young child). */
  notDue: { id: string; name: string };
  /** The partner's involvement linked to the subject (published to the index in the tests). */
  involvementId: string;
}

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** Builds the world (about 40 generated children) in `db`. */
export async function buildDisposalWorld(db: Kysely<Schema>, today: string): Promise<DisposalWorld> {
  await generateFictionalLas(db, { children: 40, seed: 29, today });
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('la_code', '=', LA)
    .where('kind', '=', 'local_authority')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const la = { laCode: LA, organisationId: org.id };
  const dpo = await buildUser(db, la, ['data_protection_officer'], { name: 'Dana Protection' });
  const admin = await buildUser(db, la, ['system_administrator'], { name: 'Adam Admin' });
  const worker = await buildUser(db, la, ['social_worker'], { name: 'Wren Worker' });

  // A child with a section 47 enquiry, never looked after, with no other child in the family.
  const { rows } = await sql<{ id: string }>`
    select p.id from people p
     where p.la_code = ${LA} and p.kind = 'child'
       and exists (select 1 from s47_enquiries c where c.person_id = p.id)
       and exists (select 1 from case_notes n where n.person_id = p.id)
       and not exists (select 1 from care_episodes c where c.person_id = p.id)
       and not exists (
         select 1 from person_relationships r join people o on o.id in (r.person_id, r.related_person_id)
          where p.id in (r.person_id, r.related_person_id) and o.id <> p.id and o.kind <> 'adult')
       and not exists (
         select 1 from person_relationships r1
           join person_relationships r2 on r2.person_id = r1.related_person_id or r2.related_person_id = r1.related_person_id
           join people o on o.id in (r2.person_id, r2.related_person_id)
          where r1.person_id = p.id and o.id <> p.id and o.kind <> 'adult')
     order by p.id limit 1`.execute(db);
  const id = rows[0]?.id;
  if (id === undefined)
    throw new Error('disposal world: the generator made no only child with a section 47 enquiry');
  await db.updateTable('people').set({ date_of_birth: DUE_DOB }).where('id', '=', id).execute();
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const full = `${p.given_name} ${p.family_name}`;
  const subject: DisposalSubject = {
    id,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: DUE_DOB,
    nhsNumber: p.nhs_number,
    upn: p.upn,
    laChildId: p.la_child_id,
    email: `${p.given_name.toLowerCase()}.disposal@example.test`,
    mobile: '07700900461',
  };
  const nhs = p.nhs_number ?? '9434765919';
  if (p.nhs_number === null)
    await db.updateTable('people').set({ nhs_number: nhs }).where('id', '=', id).execute();
  subject.nhsNumber = nhs;
  const anyAdult = await db
    .selectFrom('people')
    .select('id')
    .where('la_code', '=', LA)
    .where('kind', '=', 'adult')
    .executeTakeFirstOrThrow();
  const plan = await db
    .selectFrom('s47_enquiries')
    .select(['id', 'started_on'])
    .where('person_id', '=', id)
    .executeTakeFirstOrThrow();
  const contact = await db
    .selectFrom('contacts')
    .select('id')
    .where('person_id', '=', id)
    .executeTakeFirstOrThrow();
  const team = await db.selectFrom('teams').select('id').where('la_code', '=', LA).executeTakeFirstOrThrow();
  const partner = await db
    .insertInto('organisations')
    .values({ la_code: LA, kind: 'school', name: 'Fictional Lane Primary' })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Tables of the journey the generated record did not reach (kept consistent with the kind:
  // a child protection record; never looked after, so no care episode or care review).
  const episode0 = await db
    .selectFrom('cin_episodes')
    .select('id')
    .where('person_id', '=', id)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('early_help_episodes')
    .values({
      la_code: LA,
      person_id: id,
      origin: 'request',
      started_on: plan.started_on,
      reason: `Early help for ${full}`,
      recorded_by: worker.id,
    })
    .execute();
  const conference = await db
    .insertInto('conferences')
    .values({
      la_code: LA,
      person_id: id,
      cin_episode_id: episode0.id,
      s47_enquiry_id: plan.id,
      kind: 'initial',
      held_on: plan.started_on,
      decision: 'plan',
      category: 'NEG',
      reason: `A plan for ${full}`,
      recorded_by: worker.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cp_plans')
    .values({
      la_code: LA,
      person_id: id,
      cin_episode_id: episode0.id,
      conference_id: conference.id,
      started_on: plan.started_on,
      initial_category: 'NEG',
      latest_category: 'NEG',
    })
    .execute();
  await db
    .insertInto('missing_episodes')
    .values({
      la_code: LA,
      person_id: id,
      kind: 'missing',
      started_on: plan.started_on,
      return_interview: 'accepted',
      summary: `${full} was found at a friend’s`,
      recorded_by: worker.id,
    })
    .execute();

  // Every other table that can hold them.
  await db
    .insertInto('person_names')
    .values({
      la_code: LA,
      person_id: id,
      kind: 'previous',
      given_name: p.given_name,
      family_name: 'Oldname',
    })
    .execute();
  await db
    .insertInto('documents')
    .values({
      la_code: LA,
      person_id: id,
      filename: `${p.family_name}-plan.txt`,
      content_type: 'text/plain',
      size_bytes: 40,
      sha256: hex(full),
      content: Buffer.from(`Plan for ${full}, born ${DUE_DOB}, NHS ${nhs}`),
      description: `Child protection plan for ${full}`,
      added_on: plan.started_on,
      recorded_by: worker.id,
    })
    .execute();
  await db
    .insertInto('cpis_flags')
    .values({
      la_code: LA,
      person_id: id,
      kind: 'cpp',
      started_on: plan.started_on,
      entered_scope_on: plan.started_on,
      nhs_number: nhs,
      key_date_of_birth: DUE_DOB,
    })
    .execute();
  await db
    .insertInto('cpis_nhs_verifications')
    .values({
      la_code: LA,
      person_id: id,
      nhs_number: nhs,
      source: 'data_team',
      verified_by: worker.id,
      note: `Checked for ${full}`,
    })
    .execute();
  await db
    .insertInto('cpis_attendances')
    .values({
      la_code: LA,
      person_id: id,
      flag_kind: 'cpp',
      setting: 'emergency-department',
      organisation_name: 'Fictional Moor Hospital',
      clinician_user_id: worker.id,
      seen_at: new Date(),
      via: 'page',
    })
    .execute();
  await db
    .insertInto('contact_details')
    .values({
      la_code: LA,
      person_id: id,
      email: subject.email,
      mobile: subject.mobile,
      consent_to_contact: true,
      consent_recorded_on: plan.started_on,
    })
    .execute();
  const request = await db
    .insertInto('feedback_requests')
    .values({
      la_code: LA,
      child_id: id,
      respondent_person_id: id,
      respondent: 'child',
      form: 'standard',
      channel: 'email',
      code_hash: hex(`code ${id}`),
      expires_at: new Date(Date.now() + 86_400_000),
      team_id: team.id,
      sent_by: worker.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('feedback_responses')
    .values({
      la_code: LA,
      request_id: request.id,
      child_id: id,
      respondent: 'child',
      form: 'standard',
      understand_worries: 3,
      listened_to: 4,
      plan_helping: 3,
      make_better: `I am ${full} and I want to be asked first`,
    })
    .execute();
  await db
    .insertInto('messages')
    .values({
      la_code: LA,
      reference: `feedback-request:${request.id}`,
      channel: 'email',
      template: 'feedback-request',
      to_address: subject.email,
      transport: 'outbox',
      subject: 'Tell us how it is going',
      body: `Hello ${p.given_name}, tell us how it is going`,
    })
    .execute();
  await db
    .insertInto('notifications')
    .values({
      la_code: LA,
      recipient_user_id: worker.id,
      kind: 'break_glass',
      person_id: id,
      message: `Emergency access to ${full}`,
    })
    .execute();
  const linked = await db
    .insertInto('involvements')
    .values({
      la_code: LA,
      person_id: id,
      organisation_id: partner.id,
      role: 'Designated safeguarding lead',
      started_on: plan.started_on,
      source: 'partner',
      service: 'School',
      contact_name: 'Pat Teacher',
      contact_phone: '01632 960 321',
      contact_email: 'pat.teacher@fictional-lane.example',
      reason: 'education',
      child_given_name: p.given_name,
      child_family_name: p.family_name,
      child_date_of_birth: DUE_DOB,
      child_nhs_number: nhs,
      child_postcode: 'ZZ1 1ZZ',
      linked_at: new Date(),
      linked_by: worker.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('involvement_concerns')
    .values({
      la_code: LA,
      involvement_id: linked.id,
      contact_id: contact.id,
      concern: `${full} came to school hungry`,
      raised_by: worker.id,
    })
    .execute();
  await db
    .insertInto('involvement_lookups')
    .values({
      la_code: LA,
      person_id: id,
      asked_by: worker.id,
      organisation_id: org.id,
      reason: 'child_protection',
      reason_text: `Checking on ${full}`,
      outcome: 'none',
      agencies: 0,
    })
    .execute();
  await db
    .insertInto('involvement_index_notices')
    .values({
      organisation_id: partner.id,
      notice_id: `n-${linked.id}`,
      la_code: LA,
      kind: 'lookup_on_records',
      involvement_id: linked.id,
      caller_name: 'Casey Caller',
      caller_organisation: 'Fictional Health',
      caller_email: 'casey@fictional-health.example',
      reason: 'child_protection',
      reason_text: `About ${full}`,
      noticed_at: new Date(),
    })
    .execute();
  const partnership = await db
    .insertInto('safeguarding_partnerships')
    .values({ la_code: LA, name: 'Fictional Safeguarding Partnership' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const review = await db
    .insertInto('learning_reviews')
    .values({
      la_code: LA,
      partnership_id: partnership.id,
      reference: 'LR-DISPOSAL-1',
      title: 'A fictional review',
      incident_summary: 'A fictional incident',
      incident_on: plan.started_on,
      known_on: plan.started_on,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('review_children')
    .values({ review_id: review.id, person_id: id, la_code: LA })
    .execute();
  const entry = await db
    .insertInto('review_chronology')
    .values({
      la_code: LA,
      review_id: review.id,
      source: 'journey',
      source_ref: `journey:${id}`,
      person_id: id,
      agency: 'Children’s social care',
      occurred_on: plan.started_on,
      title: `Plan for ${full}`,
      detail: `${full} became the subject of a plan`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const episode = await db
    .insertInto('review_episodes')
    .values({
      la_code: LA,
      review_id: review.id,
      title: 'Key episode',
      what_happened: 'A plan',
      factors: [],
      what_was_known: 'Worries',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('review_episode_entries')
    .values({ la_code: LA, episode_id: episode.id, entry_id: entry.id })
    .execute();
  const inspection = await db
    .insertInto('inspections')
    .values({
      la_code: LA,
      name: 'Fictional inspection',
      starts_at: new Date(),
      ends_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('inspection_samples')
    .values({ inspection_id: inspection.id, person_id: id, la_code: LA })
    .execute();
  await db
    .insertInto('inspection_annex_a_rows')
    .values({
      inspection_id: inspection.id,
      la_code: LA,
      list_name: 'list-1',
      position: 1,
      person_id: id,
      cells: JSON.stringify([full, DUE_DOB]),
    })
    .execute();
  const supervision = await db
    .insertInto('supervisions')
    .values({
      la_code: LA,
      worker_user_id: worker.id,
      manager_user_id: admin.id,
      held_on: plan.started_on,
      reflections: 'Workload',
      decisions: 'None',
      actions: 'None',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('supervision_children')
    .values({ supervision_id: supervision.id, person_id: id, la_code: LA })
    .execute();
  await db
    .insertInto('break_glass_grants')
    .values({
      la_code: LA,
      user_id: worker.id,
      person_id: id,
      reason: `Emergency for ${full} at night`,
      expires_at: new Date(),
    })
    .execute();
  await db
    .insertInto('restricted_access')
    .values({ person_id: id, user_id: worker.id, la_code: LA })
    .execute();
  await db
    .insertInto('legal_holds')
    .values({
      la_code: LA,
      person_id: id,
      reason: `Old claim about ${full}`,
      placed_by: admin.id,
      lifted_by: admin.id,
      lifted_at: new Date(),
    })
    .execute();
  await db
    .insertInto('person_relationships')
    .values({ la_code: LA, person_id: id, related_person_id: anyAdult.id, type: 'carer' })
    .execute();
  await db
    .insertInto('jobs')
    .values({ la_code: LA, name: 'cpis.derive', payload: JSON.stringify({ personId: id }), state: 'done' })
    .execute();
  // A subject access request they made about themself, and a disclosure decision naming them.
  const sar = await db
    .insertInto('subject_access_requests')
    .values({
      la_code: LA,
      subject_person_id: id,
      requester_person_id: id,
      requester_name: full,
      basis: 'self',
      basis_note: `Identity of ${full} checked in person`,
      received_on: today,
      due_on: dueDateOf(today),
      created_by: dpo.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('subject_access_decisions')
    .values({
      la_code: LA,
      request_id: sar.id,
      action: 'disclose',
      span_start: 0,
      span_end: full.length,
      span_text: full,
      before_text: '',
      after_text: ` (${DUE_DOB})`,
      bundle_digest: hex(full),
      decided_by: dpo.id,
    })
    .execute();
  // Two transfers: the one they came in by from another LA (that LA's row, which it keeps; its
  // package here names nobody) and one out that was declined.
  const sender = await buildLocalAuthority(db, '993', 'Fictional Sending Borough');
  const senderWorker = await buildUser(db, sender, ['team_manager'], { name: 'Sam Sender' });
  const theirs = await buildChild(db, '993', { givenName: 'Sent', familyName: 'Elsewhere' });
  const transfer = (v: {
    la_code: string;
    receiving_la_code: string;
    person_id: string;
    requested_by: string;
  }) => ({
    ...v,
    reason: 'Moved to live with family',
    package: JSON.stringify({ fictional: true }),
    package_sha256: '0'.repeat(64),
    decided_at: new Date(),
  });
  await db
    .insertInto('transfers')
    .values({
      ...transfer({
        la_code: '993',
        receiving_la_code: LA,
        person_id: theirs,
        requested_by: senderWorker.id,
      }),
      status: 'accepted',
      decided_by: worker.id,
      received_person_id: id,
    })
    .execute();
  await db
    .insertInto('transfers')
    .values({
      ...transfer({ la_code: LA, receiving_la_code: '993', person_id: id, requested_by: worker.id }),
      status: 'declined',
      decided_by: senderWorker.id,
      decline_reason: 'The family did not move',
    })
    .execute();

  // Audit events without a subject that name them: a search, and a list of children by id.
  await inTenant(db, LA, async (tx) => {
    const who = { userId: worker.id, organisationId: org.id, laCode: LA };
    const meta = { ip: '10.29.0.1', requestId: 'world' };
    await recordAudit(tx, who, meta, {
      action: 'record.search',
      outcome: 'success',
      reason: `name=${full.toLowerCase()}; dob=${DUE_DOB}; nhs=given; postcode=; results=1`,
    });
    await recordAudit(tx, who, meta, {
      action: 'record.export',
      outcome: 'success',
      recordType: 'caseload',
      recordId: id,
      reason: `caseload; children=1: ${id}`,
    });
  });

  // A second due child (a legal hold is placed on it in the tests) and a child not due.
  const others = await sql<{ id: string; name: string }>`
    select p.id, p.given_name || ' ' || p.family_name as name from people p
     where p.la_code = ${LA} and p.kind = 'child' and p.id <> ${id}
       and exists (select 1 from cin_episodes e where e.person_id = p.id)
       and not exists (select 1 from care_episodes c where c.person_id = p.id)
     order by p.id limit 2`.execute(db);
  const [held, notDue] = others.rows;
  if (held === undefined || notDue === undefined) throw new Error('disposal world: too few children');
  await db.updateTable('people').set({ date_of_birth: '1998-07-01' }).where('id', '=', held.id).execute();
  await db.updateTable('people').set({ date_of_birth: '2019-07-01' }).where('id', '=', notDue.id).execute();
  return { la, dpo, admin, worker, subject, held, notDue, involvementId: linked.id };
}
