/**
 * Inspection that follows the child's journey: the LA sets up an inspection and its inspectors'
 * time-limited accounts, produces the Annex A lists from the record; an inspector tracks a child
 * from a list and opens that child (and no other) read-only while the inspection is on; every
 * read is audited and the LA sees what the inspectors viewed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftDate, today } from '../../src/http/forms/dates.ts';
import {
  allocate,
  bearer,
  buildLocalAuthority,
  buildOrganisation,
  buildTeam,
  buildUser,
  sessionCookie,
  type BuiltUser,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '961';
let t: TestApp;
let worker: BuiltUser;
let officer: BuiltUser;
let inspector: BuiltUser;
let otherInspector: BuiltUser;
let tracked: string;
let untracked: string;
let inspectionId: string;
const db = () => t.database.db;
const day = (n: number) =>
  shiftDate(today(), {}).replace(/.*/, (d) => {
    const x = new Date(`${d}T00:00:00Z`);
    x.setUTCDate(x.getUTCDate() + n);
    return x.toISOString().slice(0, 10);
  });
const boxes = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};
async function get(user: BuiltUser, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });
}
async function audits(userId: string, personId: string) {
  return db()
    .selectFrom('audit_events')
    .select(['action', 'outcome'])
    .where('actor_user_id', '=', userId)
    .where('subject_person_id', '=', personId)
    .orderBy('seq')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), LA);
  const team = await buildTeam(db(), la, { name: 'Assessment Team East' });
  const inspectorate = await buildOrganisation(db(), LA, 'regulator', 'Fictional Inspectorate');
  worker = await buildUser(db(), la, ['social_worker'], { teamId: team, name: 'Wyn Worker' });
  officer = await buildUser(db(), la, ['performance_officer'], { name: 'Pip Performance' });
  inspector = await buildUser(db(), la, ['inspector'], {
    organisationId: inspectorate,
    name: 'Iona Inspector',
  });
  otherInspector = await buildUser(db(), la, ['inspector'], {
    organisationId: inspectorate,
    name: 'Otto Other',
  });
  const token = await bearer(db(), worker);
  const child = async (given: string) => {
    const { id } = await db()
      .insertInto('people')
      .values({
        la_code: LA,
        kind: 'child',
        given_name: given,
        family_name: 'Inspected',
        date_of_birth: shiftDate(today(), { years: -9 }),
        sex: 'female',
        ethnicity: 'WBRI',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await allocate(db(), LA, id, team, worker.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${id}/journey/contact`,
      headers: { authorization: token },
      payload: { receivedOn: day(-5), source: '3B', worries: 'School worried.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return id;
  };
  tracked = await child('Tamsin');
  untracked = await child('Una');
});
afterAll(async () => t.close());

describe('the LA sets up an inspection', () => {
  it('with its kind and dates; others get not found', async () => {
    const cookie = await sessionCookie(db(), officer);
    const res = await submitForm(t.app, '/inspections/new', cookie, {
      kind: 'jtai',
      name: 'Joint targeted area inspection, test',
      ...boxes('startsOn', today()),
      ...boxes('endsOn', day(10)),
    });
    expect(res.statusCode, res.body).toBe(303);
    inspectionId = /\/inspections\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    const row = await db()
      .selectFrom('inspections')
      .selectAll()
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe('jtai');
    expect(new Date(row.ends_at).toISOString()).toBe(`${day(11)}T00:00:00.000Z`);
    expect((await get(worker, '/inspections')).statusCode).toBe(404);
    expect((await get(worker, `/inspections/${inspectionId}`)).statusCode).toBe(404);
    // Not on it yet: not found, as for any page they may not see.
    expect((await get(inspector, `/inspections/${inspectionId}`)).statusCode).toBe(404);
  });

  it('counts its days in London time, and a director sets it up and produces its lists', async () => {
    const director = await buildUser(db(), { laCode: LA, organisationId: officer.organisationId }, [
      'director',
    ]);
    const cookie = await sessionCookie(db(), director);
    const summer = `${Number(today().slice(0, 4)) + 1}-07-01`;
    const res = await submitForm(t.app, '/inspections/new', cookie, {
      kind: 'focused_visit',
      name: 'Summer focused visit',
      ...boxes('startsOn', summer),
      ...boxes('endsOn', summer.replace('-07-01', '-07-03')),
    });
    expect(res.statusCode, res.body).toBe(303);
    const id = /\/inspections\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    const row = await db()
      .selectFrom('inspections')
      .select(['starts_at', 'ends_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // 00:00 British Summer Time is 23:00 UTC the evening before.
    expect(new Date(row.starts_at).toISOString()).toBe(`${summer.replace('-07-01', '-06-30')}T23:00:00.000Z`);
    expect(new Date(row.ends_at).toISOString()).toBe(`${summer.replace('-07-01', '-07-03')}T23:00:00.000Z`);
    const page = await get(director, `/inspections/${id}`);
    expect(page.body).toContain('1 July');
    expect(page.body).toContain('3 July');
    const produced = await submitForm(t.app, `/inspections/${id}`, cookie, {}, `/inspections/${id}/annex-a`);
    expect(produced.statusCode, produced.body).toBe(303);
    const lists = await db()
      .selectFrom('inspection_annex_a_lists')
      .select('list_name')
      .where('inspection_id', '=', id)
      .execute();
    expect(lists.length).toBeGreaterThan(0);
    expect(produced.headers.location).toBe(`/inspections/${id}?produced=1`);
    expect((await get(director, `/inspections/${id}?produced=1`)).body).toContain(
      'Annex A lists produced from the record',
    );
    // The URL never chooses the words: any other value shows no banner.
    const forged = await get(director, `/inspections/${id}?produced=99999`);
    expect(forged.body).not.toContain('99999');
    expect(forged.body).not.toContain('Annex A lists produced from the record');
  });

  it('rejects a last day before the first', async () => {
    const cookie = await sessionCookie(db(), officer);
    const res = await submitForm(t.app, '/inspections/new', cookie, {
      kind: 'focused_visit',
      name: 'Backwards',
      ...boxes('startsOn', day(5)),
      ...boxes('endsOn', day(1)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Last day of the inspection must be on or after its first day');
  });

  it('adds an inspector whose account ends with the inspection, and makes an account for a new one', async () => {
    const cookie = await sessionCookie(db(), officer);
    const url = `/inspections/${inspectionId}/inspectors/new`;
    const res = await submitForm(t.app, url, cookie, { name: 'Iona Inspector', email: inspector.email });
    expect(res.statusCode, res.body).toBe(303);
    const ends = await db()
      .selectFrom('inspections')
      .select('ends_at')
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    const u = await db()
      .selectFrom('users')
      .select('access_ends_at')
      .where('id', '=', inspector.id)
      .executeTakeFirstOrThrow();
    expect(new Date(u.access_ends_at!).getTime()).toBe(new Date(ends.ends_at).getTime());

    const made = await submitForm(t.app, url, cookie, {
      name: 'Nia New',
      email: 'nia.new@inspectorate.example',
    });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.body).toContain('data-testid="temporary-password"');
    const nia = await db()
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['users.access_ends_at', 'user_roles.role'])
      .where('users.email', '=', 'nia.new@inspectorate.example')
      .executeTakeFirstOrThrow();
    expect(nia.role).toBe('inspector');
    expect(new Date(nia.access_ends_at!).getTime()).toBe(new Date(ends.ends_at).getTime());

    const worker2 = await submitForm(t.app, url, cookie, { name: 'Wyn', email: worker.email });
    expect(worker2.statusCode).toBe(400);
    expect(worker2.body).toContain('not an inspector’s');
  });
});

describe('an inspector', () => {
  it('sees the Annex A lists produced from the record and tracks a child from one', async () => {
    const la = await sessionCookie(db(), officer);
    const produced = await submitForm(
      t.app,
      `/inspections/${inspectionId}`,
      la,
      {},
      `/inspections/${inspectionId}/annex-a`,
    );
    expect(produced.statusCode, produced.body).toBe(303);
    const rows = await db()
      .selectFrom('inspection_annex_a_rows')
      .select(['position', 'person_id'])
      .where('inspection_id', '=', inspectionId)
      .where('list_name', '=', 'List 1')
      .orderBy('position')
      .execute();
    expect(rows.map((r) => r.person_id).sort()).toEqual([tracked, untracked].sort());

    const show = await get(inspector, `/inspections/${inspectionId}`);
    expect(show.statusCode).toBe(200);
    expect(show.body).toContain('List 1: Contacts');
    const list = await get(inspector, `/inspections/${inspectionId}/annex-a/list-1`);
    expect(list.statusCode).toBe(200);
    // An inspector not on this inspection sees none of it.
    expect((await get(otherInspector, `/inspections/${inspectionId}/annex-a/list-1`)).statusCode).toBe(404);

    const position = rows.find((r) => r.person_id === tracked)!.position;
    const res = await submitForm(
      t.app,
      `/inspections/${inspectionId}/annex-a/list-1`,
      await sessionCookie(db(), inspector),
      { list: 'List 1', position: String(position), page: '1' },
      `/inspections/${inspectionId}/track`,
    );
    expect(res.statusCode, res.body).toBe(303);
    const sample = await db()
      .selectFrom('inspection_samples')
      .selectAll()
      .where('inspection_id', '=', inspectionId)
      .execute();
    expect(sample.map((s) => [s.person_id, s.source, s.added_by])).toEqual([
      [tracked, 'annex_a', inspector.id],
    ]);
  });

  it('opens the tracked child read-only, and no other child; every read audited', async () => {
    // Partners involved, linked to the child's record by the front door; one asked not to be disclosed.
    const school = await buildOrganisation(db(), LA, 'school', 'Fictional Academy');
    const clinic = await buildOrganisation(db(), LA, 'nhs_trust', 'Fictional Sexual Health Clinic');
    for (const [org, service, shielded] of [
      [school, 'Designated safeguarding lead', false],
      [clinic, 'Clinic nurse', true],
    ] as const)
      await db()
        .insertInto('involvements')
        .values({
          la_code: LA,
          person_id: tracked,
          organisation_id: org,
          role: 'Practitioner',
          service,
          started_on: day(-30),
          source: 'partner',
          is_shielded: shielded,
          contact_phone: '01632 960999',
          child_given_name: 'Tamsin',
          child_family_name: 'Inspected',
        })
        .execute();
    const view = await get(inspector, `/inspections/${inspectionId}/children/${tracked}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Tamsin Inspected');
    const agencies = /data-testid="linked-agencies">([\s\S]*?)<\/ul>/.exec(view.body)?.[1] ?? '';
    expect(agencies).toContain('Fictional Academy');
    expect(agencies).toContain('Designated safeguarding lead');
    expect(view.body).not.toContain('Fictional Sexual Health Clinic');
    expect(view.body).not.toContain('01632 960999');
    expect(view.body).toContain('data-testid="timeline"');
    expect(view.body).not.toContain('Record a visit');
    expect((await get(inspector, `/children/${tracked}`)).statusCode).toBe(200);
    expect((await get(inspector, `/inspections/${inspectionId}/children/${untracked}`)).statusCode).toBe(404);
    expect((await get(inspector, `/children/${untracked}`)).statusCode).toBe(404);
    // Read-only: the record's step pages are not theirs.
    expect((await get(inspector, `/children/${tracked}/visits/new`)).statusCode).toBe(404);
    // Another inspector, not on the inspection, gets not found for the tracked child.
    expect((await get(otherInspector, `/inspections/${inspectionId}/children/${tracked}`)).statusCode).toBe(
      404,
    );
    expect((await get(otherInspector, `/children/${tracked}`)).statusCode).toBe(404);

    const mine = await audits(inspector.id, tracked);
    expect(
      mine.filter((a) => a.action === 'record.view' && a.outcome === 'success').length,
    ).toBeGreaterThanOrEqual(2);
    expect(mine.some((a) => a.action === 'inspection.track')).toBe(true);
    const refused = await audits(inspector.id, untracked);
    expect(refused.filter((a) => a.outcome === 'denied').length).toBe(2);
    expect(refused.some((a) => a.outcome === 'success')).toBe(false);
  });

  it('the LA sees what the inspectors viewed; nobody else does', async () => {
    const res = await get(officer, `/inspections/${inspectionId}/reads`);
    expect(res.statusCode).toBe(200);
    const table = /data-testid="child-reads"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    expect(table).toContain('Tamsin Inspected');
    expect(table).toContain('Una Inspected');
    expect(table).toContain('Iona Inspector');
    expect(res.body).toContain('Annex A List 1');
    expect((await get(inspector, `/inspections/${inspectionId}/reads`)).statusCode).toBe(404);
    expect((await get(worker, `/inspections/${inspectionId}/reads`)).statusCode).toBe(404);
    const seen = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', officer.id)
      .where('record_id', '=', inspectionId)
      .where('action', '=', 'audit.view')
      .execute();
    expect(seen.length).toBe(1);
  });

  it('shows its inspectors and the LA what families tell the council over time, and nobody else', async () => {
    const url = `/inspections/${inspectionId}/feedback`;
    const page = await get(inspector, url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What children and families tell us');
    expect(page.body).toContain('data-testid="feedback-teams"');
    expect(page.body).toContain('data-testid="figures-as-of"');
    expect(page.body).not.toContain('/insight/help');
    expect((await get(officer, url)).statusCode).toBe(200);
    expect((await get(otherInspector, url)).statusCode).toBe(404);
    expect((await get(worker, url)).statusCode).toBe(404);
  });

  it('lets the LA add any child of its record by LA child ID, which its inspectors then open', async () => {
    const url = `/inspections/${inspectionId}/sample/new`;
    const la = await sessionCookie(db(), officer);
    expect((await get(worker, url)).statusCode).toBe(404);
    expect((await get(inspector, url)).statusCode).toBe(404);
    expect((await get(officer, url)).statusCode).toBe(200);
    const empty = await submitForm(t.app, url, la, { laChildId: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the child’s LA child ID');
    const unknown = await submitForm(t.app, url, la, { laChildId: 'NOSUCHCHILD1' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('No child in the council’s record has that LA child ID');
    // Una is on no list the inspector chose from; her returns' LA child ID is her record's.
    const laChildId = untracked.replace(/-/g, '').slice(-20).toUpperCase();
    const added = await submitForm(t.app, url, la, { laChildId });
    expect(added.statusCode, added.body).toBe(303);
    const sample = await db()
      .selectFrom('inspection_samples')
      .select(['source', 'added_by'])
      .where('inspection_id', '=', inspectionId)
      .where('person_id', '=', untracked)
      .executeTakeFirstOrThrow();
    expect(sample).toEqual({ source: 'la', added_by: officer.id });
    const audit = await audits(officer.id, untracked);
    expect(audit).toContainEqual({ action: 'inspection.track', outcome: 'success' });
    expect((await get(inspector, `/inspections/${inspectionId}/children/${untracked}`)).statusCode).toBe(200);
    expect((await get(officer, `/inspections/${inspectionId}`)).body).toContain('Added by the LA');
  });

  it('loses the child, the lists and the inspection when it ends', async () => {
    await db()
      .updateTable('inspections')
      .set({ starts_at: new Date(Date.now() - 7 * 86_400_000), ends_at: new Date() })
      .where('id', '=', inspectionId)
      .execute();
    expect((await get(inspector, `/inspections/${inspectionId}/children/${tracked}`)).statusCode).toBe(404);
    expect((await get(inspector, `/children/${tracked}`)).statusCode).toBe(404);
    expect((await get(inspector, `/inspections/${inspectionId}/annex-a/list-1`)).statusCode).toBe(404);
    expect((await get(inspector, `/inspections/${inspectionId}`)).statusCode).toBe(404);
    expect((await get(inspector, `/inspections/${inspectionId}/feedback`)).statusCode).toBe(404);
    const list = await get(inspector, '/inspections');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(inspectionId);
    // The LA still sees the ended inspection and what was read during it.
    expect((await get(officer, `/inspections/${inspectionId}`)).statusCode).toBe(200);
    expect((await get(officer, `/inspections/${inspectionId}/reads`)).body).toContain('Tamsin Inspected');
    // And adds no child to it.
    const late = await submitForm(
      t.app,
      `/inspections/${inspectionId}/sample/new`,
      await sessionCookie(db(), officer),
      {
        laChildId: tracked.replace(/-/g, '').slice(-20).toUpperCase(),
      },
    );
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('The inspection has ended: no child can be added');
  });
});
