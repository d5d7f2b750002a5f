/**
 * The adapter from the journey tables to the returns model, field by field: two children recorded
 * through the API (a child protection journey; a child who becomes looked after), read back as a
 * performance officer through the caller-bound repository, and built into the CIN census, the
 * SSDA903 return and Annex A. One audit event names the children read; others are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnnexA, build903, censusFromInput, writeCinXml } from '@waypoint/returns';
import { loadActor } from '../../src/auth/load-actor.ts';
import { NotFoundError } from '../../src/http/errors.ts';
import { PersonRecords } from '../../src/records/person-records.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { laChildIdOf } from '../../src/returns/adapter.ts';
import { loadChildForReturns, loadForReturns } from '../../src/returns/load-record.ts';
import { readLaForReturns } from '../../src/returns/read-la.ts';
import { namedYear } from '../../src/returns/years.ts';
import {
  allocate,
  bearer,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  type BuiltUser,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '951';
let t: TestApp;
let worker: BuiltUser;
let officer: BuiltUser;
let token: string;
let cp: string;
let cared: string;
const db = () => t.database.db;

async function ok(child: string, kind: string, payload: Record<string, unknown>) {
  const url =
    kind === 'visit' ? `/api/v1/children/${child}/visits` : `/api/v1/children/${child}/journey/${kind}`;
  const res = await t.app.inject({ method: 'POST', url, headers: { authorization: token }, payload });
  expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
}

async function child(values: Record<string, unknown>, teamId: string): Promise<string> {
  const { id } = await db()
    .insertInto('people')
    .values({ la_code: LA, kind: 'child', given_name: 'Test', family_name: 'Child', ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('addresses')
    .values({
      la_code: LA,
      person_id: id,
      line1: '1 Test Street',
      postcode: 'YY1 1AA',
      started_on: '2015-01-01',
    })
    .execute();
  await allocate(db(), LA, id, teamId, worker.id);
  return id;
}

async function asOfficer(user = officer): Promise<PersonRecords> {
  const actor = await loadActor(db(), user.id, { via: 'cli', actingLaCode: LA });
  if (actor === null) throw new Error('no actor');
  return new PersonRecords(db(), actor, { ip: null, requestId: 'test' });
}

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), LA);
  const team = await buildTeam(db(), la, { name: 'Assessment Team East' });
  worker = await buildUser(db(), la, ['social_worker'], { teamId: team, name: 'Wren Worker' });
  officer = await buildUser(db(), la, ['performance_officer']);
  token = await bearer(db(), worker);
  cp = await child(
    {
      date_of_birth: '2014-05-06',
      sex: 'female',
      ethnicity: 'WBRI',
      disabilities: ['AUT', 'COMM'],
      upn: 'A001000000013',
      nhs_number: '9990000018',
    },
    team,
  );
  await ok(cp, 'contact', { receivedOn: '2025-05-01', source: '2A', worries: 'Bruises seen at school.' });
  await ok(cp, 'contact-decision', {
    decidedOn: '2025-05-02',
    decision: 'referral',
    primaryNeed: 'N1',
    reason: 'Assess.',
  });
  await ok(cp, 'assessment', {
    startedOn: '2025-05-03',
    completedOn: '2025-05-20',
    childDevelopment: 'Well.',
    parentingCapacity: 'Struggling.',
    familyEnvironment: 'Overcrowded.',
    factors: ['3B', '16A'],
    analysis: 'Significant harm likely.',
    outcome: 'strategy',
  });
  await ok(cp, 'visit', { date: '2025-05-10', seen: 'seen-alone', summary: 'At school.' });
  await ok(cp, 'strategy', {
    heldOn: '2025-05-21',
    attendees: 'Police',
    decision: 's47',
    reason: 'Threshold met.',
  });
  await ok(cp, 's47', { startedOn: '2025-05-21' });
  await ok(cp, 's47-complete', {
    completedOn: '2025-05-30',
    outcome: 'conference',
    reason: 'Substantiated.',
  });
  await ok(cp, 'initial-conference', {
    heldOn: '2025-06-10',
    decision: 'plan',
    category: 'NEG',
    reason: 'Neglect.',
  });
  await ok(cp, 'visit', { date: '2025-07-01', seen: 'seen', summary: 'Home visit.' });
  await ok(cp, 'review-conference', { heldOn: '2025-09-10', decision: 'continue', reason: 'Progress.' });

  cared = await child(
    { date_of_birth: '2012-02-03', sex: 'male', ethnicity: 'BAFR', disabilities: ['NONE'] },
    team,
  );
  await ok(cared, 'contact', { receivedOn: '2025-04-10', source: '6', worries: 'Found alone at night.' });
  await ok(cared, 'contact-decision', {
    decidedOn: '2025-04-10',
    decision: 'referral',
    primaryNeed: 'N8',
    reason: 'Assess.',
  });
  await ok(cared, 'care-start', {
    startedOn: '2025-04-11',
    categoryOfNeed: 'N8',
    legalStatus: 'V2',
    placementType: 'U6',
    provider: 'PR1',
    placementPostcode: 'YY2 2BB',
  });
  await ok(cared, 'care-review', { heldOn: '2025-05-20', participation: 'PN1' });
  await ok(cared, 'missing', {
    kind: 'missing',
    startedOn: '2025-06-01',
    endedOn: '2025-06-02',
    returnInterview: 'declined',
    summary: 'Stayed with a friend.',
  });
});
afterAll(async () => t.close());

describe('the returns model from the record', () => {
  it('maps each recorded field, and audits one read naming the children', async () => {
    const before = await db().selectFrom('audit_events').select('seq').where('la_code', '=', LA).execute();
    const { input, children } = await readLaForReturns(await asOfficer(), 'cin 2025-26', '2026-03-31');
    const after = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('la_code', '=', LA)
      .orderBy('seq')
      .execute();
    const events = after.slice(before.length);
    expect(events.map((e) => [e.action, e.outcome, e.record_type, e.record_id])).toEqual([
      ['record.export', 'success', 'return', 'cin 2025-26'],
    ]);
    const cpId = laChildIdOf({ id: cp, la_child_id: null });
    const caredId = laChildIdOf({ id: cared, la_child_id: null });
    expect(events[0]?.reason).toContain(cpId);
    expect(events[0]?.reason).toContain(caredId);
    expect(children.get(cpId)).toEqual({ personId: cp, team: 'Assessment Team East', worker: 'Wren Worker' });

    const a = input.children.find((c) => c.laChildId === cpId)!;
    expect(a).toMatchObject({
      firstName: 'Test',
      surname: 'Child',
      upn: 'A001000000013',
      nhsNumber: '9990000018',
      birthDate: '2014-05-06',
      sex: 'F',
      ethnicity: 'WBRI',
      disabilities: ['AUT', 'COMM'],
      postcode: 'YY1 1AA',
      allocatedTeam: 'Assessment Team East',
      allocatedWorker: 'Wren Worker',
      contacts: [{ date: '2025-05-01', source: '2A' }],
      lastSeenDate: '2025-07-01',
    });
    const ep = a.cinEpisodes[0]!;
    expect(ep).toMatchObject({
      referralDate: '2025-05-02',
      referralSource: '2A',
      primaryNeedCode: 'N1',
      closureDate: null,
      referralNfa: false,
      dateOfInitialCpc: null,
    });
    expect(ep.assessments).toEqual([
      {
        startDate: '2025-05-03',
        internalReviewDate: null,
        authorisationDate: '2025-05-20',
        factors: ['3B', '16A'],
        childSeen: true,
        needsSupport: true,
      },
    ]);
    expect(ep.section47s?.[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ep.section47s?.map(({ id: _id, ...s }) => s)).toEqual([
      {
        startDate: '2025-05-21',
        icpcTarget: null,
        dateOfInitialCpc: '2025-06-10',
        icpcNotRequired: false,
        endDate: '2025-05-30',
        icpcResultedInPlan: true,
      },
    ]);
    expect(ep.childProtectionPlans).toEqual([
      {
        startDate: '2025-06-10',
        endDate: null,
        initialCategory: 'NEG',
        latestCategory: 'NEG',
        numberOfPreviousCpps: 1,
        reviews: ['2025-09-10'],
        lastVisitDate: '2025-07-01',
        seenAlone: false,
      },
    ]);

    const b = input.children.find((c) => c.laChildId === caredId)!;
    expect(b.lookedAfter).toEqual([
      {
        startDate: '2025-04-11',
        reasonNewEpisode: 'S',
        legalStatus: 'V2',
        categoryOfNeed: 'N8',
        placement: 'U6',
        placementProvider: 'PR1',
        endDate: null,
        reasonEnded: null,
        reasonPlaceChange: null,
        homePostcode: 'YY1 1AA',
        placementPostcode: 'YY2 2BB',
        urn: null,
        placementLa: null,
      },
    ]);
    expect(b.lacReviews).toEqual([{ date: '2025-05-20', participation: 'PN1' }]);
    expect(b.missing).toEqual([
      {
        type: 'M',
        startDate: '2025-06-01',
        endDate: '2025-06-02',
        returnInterviewOffered: true,
        returnInterviewAccepted: false,
      },
    ]);
    expect(b.sex).toBe('M');
  });

  it('reaches the built returns: CIN XML, 903 rows and Annex A lists', async () => {
    const { input } = await readLaForReturns(await asOfficer(), 'cin 2025-26', '2026-03-31');
    const xml = writeCinXml(
      censusFromInput(input, '2025-26', '2026-04-01T00:00:00', namedYear('2025-26').referenceDate),
      '2025-26',
    );
    for (const piece of [
      '<UPN>A001000000013</UPN>',
      '<PersonBirthDate>2014-05-06</PersonBirthDate>',
      '<Sex>F</Sex>',
      '<Ethnicity>WBRI</Ethnicity>',
      '<Disability>AUT</Disability>',
      '<CINreferralDate>2025-05-02</CINreferralDate>',
      '<ReferralSource>2A</ReferralSource>',
      '<PrimaryNeedCode>N1</PrimaryNeedCode>',
      '<AssessmentActualStartDate>2025-05-03</AssessmentActualStartDate>',
      '<AssessmentAuthorisationDate>2025-05-20</AssessmentAuthorisationDate>',
      '<AssessmentFactors>3B</AssessmentFactors>',
      '<S47ActualStartDate>2025-05-21</S47ActualStartDate>',
      '<DateOfInitialCPC>2025-06-10</DateOfInitialCPC>',
      '<CPPstartDate>2025-06-10</CPPstartDate>',
      '<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>',
      '<CPPreviewDate>2025-09-10</CPPreviewDate>',
    ])
      expect(xml).toContain(piece);
    const tables = build903(input, '2025-26');
    const caredId = laChildIdOf({ id: cared, la_child_id: null });
    expect(tables.Episodes.find((e) => e.CHILD === caredId)).toMatchObject({
      DECOM: '11/04/2025',
      RNE: 'S',
      LS: 'V2',
      CIN: 'N8',
      PLACE: 'U6',
      PLACE_PROVIDER: 'PR1',
      HOME_POST: 'YY1 1AA',
      PL_POST: 'YY2 2BB',
    });
    expect(tables.Reviews.find((r) => r.CHILD === caredId)).toMatchObject({
      REVIEW: '20/05/2025',
      REVIEW_CODE: 'PN1',
    });
    expect(tables.Missing.find((r) => r.CHILD === caredId)).toMatchObject({
      MISSING: 'M',
      MIS_START: '01/06/2025',
    });
    const lists = buildAnnexA(input, '2025-10-01');
    const contacts = lists.find((l) => l.name === 'List 1')!;
    expect(contacts.rows.length).toBe(2);
    const inCare = lists.find((l) => l.name === 'List 8')!;
    expect(inCare.rows.length).toBe(1);
  });

  it('reads one child in one statement exactly as the set-based read does', async () => {
    for (const id of [cp, cared]) {
      const [many] = await inTenant(db(), LA, (tx) => loadForReturns(tx, LA, [id]));
      const one = await inTenant(db(), LA, (tx) => loadChildForReturns(tx, LA, id));
      expect(one).toEqual(many);
      expect(many?.rows.visits.length ?? 0).toBeGreaterThanOrEqual(0);
    }
    expect(await inTenant(db(), LA, (tx) => loadChildForReturns(tx, LA, worker.id))).toBeNull();
  });

  it('refuses a caller without the returns capability, audited as denied', async () => {
    await expect(
      readLaForReturns(await asOfficer(worker), 'cin 2025-26', '2026-03-31'),
    ).rejects.toBeInstanceOf(NotFoundError);
    const denied = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'record_id'])
      .where('la_code', '=', LA)
      .where('actor_user_id', '=', worker.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ action: 'record.export', outcome: 'denied', record_id: 'cin 2025-26' }]);
  });
});
