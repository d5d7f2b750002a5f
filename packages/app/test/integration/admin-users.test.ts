/** Administration pages: the LA's system administrator manages users and teams; nobody else sees them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLocalAuthority,
  buildOrganisation,
  buildTeam,
  buildUser,
  sessionCookie,
  bearer,
  type BuiltLa,
  type BuiltUser,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { codeFor, TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
let otherLa: BuiltLa;
let admin: BuiltUser;
let teamId: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '805');
  otherLa = await buildLocalAuthority(t.database.db, '806');
  admin = await buildUser(t.database.db, la, ['system_administrator']);
  teamId = await buildTeam(t.database.db, la, { name: 'Assessment team East' });
});
afterAll(async () => t.close());

async function as(user: BuiltUser): Promise<TestBrowser> {
  const b = new TestBrowser(t.app, `10.3.0.${++n}`);
  b.cookies.set(...((await sessionCookie(t.database.db, user)).split('=') as [string, string]));
  return b;
}

async function adminActions(): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('actor_user_id', '=', admin.id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('who may administer', () => {
  it("a social worker, and an administrator of another LA for this LA's users, get 404", async () => {
    const worker = await buildUser(t.database.db, la, ['social_worker']);
    const b = await as(worker);
    expect((await b.get('/admin/users')).status).toBe(404);
    expect((await b.get('/admin/teams')).status).toBe(404);
    const otherAdmin = await buildUser(t.database.db, otherLa, ['system_administrator']);
    const ob = await as(otherAdmin);
    expect((await ob.get(`/admin/users/${worker.id}`)).status).toBe(404);
    const list = await ob.get('/admin/users');
    expect(list.status).toBe(200);
    expect(list.body).not.toContain(worker.email);
  });

  it('signed-out people are sent to sign in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/users' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fusers');
  });
});

describe('creating users', () => {
  it('shows an error summary naming each field, and saves nothing', async () => {
    const b = await as(admin);
    await b.get('/admin/users/new');
    const before = await t.database.db
      .selectFrom('users')
      .select(t.database.db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await b.post('/admin/users', {
      name: '',
      email: 'not-an-email',
      organisationId: '',
      teamId: '',
    });
    expect(res.status).toBe(400);
    for (const field of ['name', 'email', 'organisationId', 'roles'])
      expect(res.body).toContain(`href="#${field}"`);
    const after = await t.database.db
      .selectFrom('users')
      .select(t.database.db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a duplicate email and an organisation outside the LA', async () => {
    const b = await as(admin);
    await b.get('/admin/users/new');
    const foreignOrg = await buildOrganisation(t.database.db, '806', 'school', 'Far Away School');
    const res = await b.post('/admin/users', {
      name: 'Dup',
      email: admin.email.toUpperCase(),
      organisationId: foreignOrg,
      roles: 'social_worker',
      teamId: '',
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('There is already a user with this email address');
    expect(res.body).toContain('Select an organisation that works in this area');
  });

  it('creates a user with roles, organisation and team and a temporary password they must change', async () => {
    const b = await as(admin);
    await b.get('/admin/users/new');
    const res = await b.post('/admin/users', {
      name: 'Nia New-Worker',
      email: 'nia.new@example.test',
      organisationId: la.organisationId,
      roles: ['social_worker', 'team_manager'],
      teamId,
    });
    expect(res.status).toBe(200);
    const password = /data-testid="temporary-password">([^<]+)</.exec(res.body)![1]!;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const user = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'nia.new@example.test')
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(true);
    expect(user.la_code).toBe('805');
    const roles = await t.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', user.id)
      .orderBy('role')
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['social_worker', 'team_manager']);
    const m = await t.database.db
      .selectFrom('team_memberships')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ team_id: teamId, is_manager: true });
    // They can sign in with it.
    const nb = new TestBrowser(t.app, '10.3.9.9');
    await nb.get('/sign-in');
    expect((await nb.post('/sign-in', { email: 'nia.new@example.test', password })).location).toBe(
      '/sign-in/set-up-two-factor',
    );
    expect(await adminActions()).toContain('admin.user_create');
  });
});

describe('time-limited accounts', () => {
  it('require an access end date for inspectors, and store it as the end of that day', async () => {
    const b = await as(admin);
    await b.get('/admin/users/new');
    const base = {
      name: 'Ines Inspector',
      email: 'ines@example.test',
      organisationId: la.organisationId,
      roles: 'inspector',
      teamId: '',
    };
    const missing = await b.post('/admin/users', base);
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('href="#accessEnds-day"');
    expect(missing.body).toContain('Enter the date an inspector’s access ends');
    const invalid = await b.post('/admin/users', {
      ...base,
      'accessEnds-day': '31',
      'accessEnds-month': '2',
      'accessEnds-year': '2030',
    });
    expect(invalid.body).toContain('Access ends must be a real date');
    const past = await b.post('/admin/users', {
      ...base,
      'accessEnds-day': '1',
      'accessEnds-month': '1',
      'accessEnds-year': '2020',
    });
    expect(past.body).toContain('today or in the future');
    const ok = await b.post('/admin/users', {
      ...base,
      'accessEnds-day': '31',
      'accessEnds-month': '3',
      'accessEnds-year': '2030',
    });
    expect(ok.status).toBe(200);
    const row = await t.database.db
      .selectFrom('users')
      .select(['id', 'access_ends_at'])
      .where('email', '=', 'ines@example.test')
      .executeTakeFirstOrThrow();
    expect(row.access_ends_at?.toISOString()).toBe('2030-03-31T23:59:59.000Z');
    const edit = await b.get(`/admin/users/${row.id}`);
    expect(edit.body).toMatch(/name="accessEnds-year"[^>]*value="2030"/);
  });
});

describe('changing users', () => {
  it('saves with the right version, and refuses a stale one (optimistic locking)', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker'], { teamId });
    const b = await as(admin);
    const form = await b.get(`/admin/users/${user.id}`);
    expect(form.body).toContain('name="version" value="1"');
    const base = { organisationId: la.organisationId, roles: 'social_worker', teamId: '' };
    const first = await b.post(`/admin/users/${user.id}`, { ...base, name: 'First Edit', version: '1' });
    expect(first.location).toBe('/admin/users?done=updated');
    const stale = await b.post(`/admin/users/${user.id}`, { ...base, name: 'Second Edit', version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Someone else changed this user');
    const row = await t.database.db
      .selectFrom('users')
      .select(['name', 'version'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'First Edit', version: 2 });
    // Leaving the team ended the membership but kept it as history.
    const memberships = await t.database.db
      .selectFrom('team_memberships')
      .select('ended_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.ended_at).not.toBeNull();
  });

  it('deactivates a user: kept, sessions and tokens revoked, cannot sign in', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const userSession = await as(user);
    const token = await bearer(t.database.db, user);
    const b = await as(admin);
    await b.get(`/admin/users/${user.id}`);
    expect((await b.post(`/admin/users/${user.id}/deactivate`)).location).toBe(
      '/admin/users?done=deactivated',
    );
    const row = await t.database.db
      .selectFrom('users')
      .select(['active', 'deactivated_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(false);
    expect(row.deactivated_at).not.toBeNull();
    expect((await userSession.get('/account')).status).toBe(302);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: token } });
    expect(api.statusCode).toBe(401);
    const tokens = await t.database.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(tokens.every((x) => x.revoked_at !== null)).toBe(true);
    expect((await b.get('/admin/users')).body).toContain('Deactivated');
    expect(await adminActions()).toContain('admin.user_deactivate');
  });

  it('resets a password: new temporary password, unlocked, signed out, must change it', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await t.database.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 600_000), failed_sign_ins: 3 })
      .where('id', '=', user.id)
      .execute();
    const userSession = await as(user);
    const b = await as(admin);
    await b.get(`/admin/users/${user.id}`);
    const res = await b.post(`/admin/users/${user.id}/reset-password`);
    const password = /data-testid="temporary-password">([^<]+)</.exec(res.body)![1]!;
    expect((await userSession.get('/account')).status).toBe(302);
    const nb = new TestBrowser(t.app, '10.3.9.10');
    await nb.get('/sign-in');
    // Two-factor is set up first (every role needs it; this user never set it up), then
    // the temporary password must be changed before anything else.
    const first = await nb.post('/sign-in', { email: user.email, password });
    expect(first.location).toBe('/sign-in/set-up-two-factor');
    const setUp = await nb.get('/sign-in/set-up-two-factor');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(setUp.body)![1]!;
    expect((await nb.post('/sign-in/set-up-two-factor', { code: codeFor(secret) })).status).toBe(303);
    expect((await nb.get('/account')).location).toBe('/account/change-password');
    expect(await adminActions()).toContain('auth.password_reset');
  });
});

describe('teams', () => {
  it('creates a team under a service and deactivates it, keeping history', async () => {
    const b = await as(admin);
    await b.get('/admin/teams');
    const empty = await b.post('/admin/teams', { name: '', parentTeamId: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('href="#name"');
    const service = await buildTeam(t.database.db, la, { name: 'Children in Need Service' });
    expect((await b.post('/admin/teams', { name: 'Team West', parentTeamId: service })).location).toBe(
      '/admin/teams?done=created',
    );
    const dup = await b.post('/admin/teams', { name: 'Team West', parentTeamId: '' });
    expect(dup.body).toContain('There is already an active team with this name');
    const team = await t.database.db
      .selectFrom('teams')
      .selectAll()
      .where('name', '=', 'Team West')
      .executeTakeFirstOrThrow();
    expect(team.parent_team_id).toBe(service);
    const member = await buildUser(t.database.db, la, ['social_worker'], { teamId: team.id });
    await b.get('/admin/teams');
    expect((await b.post(`/admin/teams/${team.id}/deactivate`)).location).toBe(
      '/admin/teams?done=deactivated',
    );
    const after = await t.database.db
      .selectFrom('teams')
      .select(['active', 'deactivated_at'])
      .where('id', '=', team.id)
      .executeTakeFirstOrThrow();
    expect(after.active).toBe(false);
    const m = await t.database.db
      .selectFrom('team_memberships')
      .select('ended_at')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(m.ended_at).not.toBeNull();
    expect(await adminActions()).toEqual(
      expect.arrayContaining(['admin.team_create', 'admin.team_deactivate']),
    );
  });
});
