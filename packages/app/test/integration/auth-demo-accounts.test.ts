/** The demo borough's accounts: idempotent seed, one account per role, sign-in with the published TOTP secret. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/access/roles.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  demoAccountsTable,
  seedDemoAccounts,
} from '../../src/seed/demo-accounts.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { codeFor, TestBrowser } from './auth-browser.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('seedDemoAccounts', () => {
  it('creates LAs 990 and 991, partners covering both, the team structure and a demo account for every role, once', async () => {
    const first = await seedDemoAccounts(t.database.db);
    const second = await seedDemoAccounts(t.database.db);
    expect(second).toEqual(first);
    const las = await t.database.db
      .selectFrom('local_authorities')
      .select(['la_code', 'name'])
      .where('la_code', 'in', ['990', '991'])
      .orderBy('la_code')
      .execute();
    expect(las).toEqual([
      { la_code: '990', name: 'Waypoint Demo Borough' },
      { la_code: '991', name: 'Waypoint Neighbour Borough' },
    ]);
    const users = await t.database.db
      .selectFrom('users')
      .select(['email', 'is_demo', 'la_code'])
      .where('is_demo', '=', true)
      .execute();
    // One per role, a health visitor and a school's safeguarding lead besides the police officer, and
    // the neighbour borough's front door (in LA 991).
    expect(users).toHaveLength(roles.length + 3);
    expect(users.filter((u) => u.la_code === '991').map((u) => u.email)).toEqual([
      'neighbour.front.door@demo.waypoint.example',
    ]);
    const seededRoles = await t.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', 'in', Object.values(first.userIds))
      .execute();
    expect([...new Set(seededRoles.map((r) => r.role))].sort()).toEqual([...roles].sort());
    expect(seededRoles.filter((r) => r.role === 'partner_practitioner')).toHaveLength(3);
    const police = await t.database.db
      .selectFrom('organisation_areas')
      .select('la_code')
      .where('organisation_id', '=', first.organisationIds.police)
      .orderBy('la_code')
      .execute();
    expect(police.map((p) => p.la_code)).toEqual(['990', '991']);
    const teams = await t.database.db
      .selectFrom('teams')
      .select(['id', 'parent_team_id'])
      .where('la_code', '=', '990')
      .execute();
    const under = teams
      .filter((x) => x.parent_team_id === first.teamIds.service)
      .map((x) => x.id)
      .sort();
    expect(under).toEqual([first.teamIds.assessmentNorth, first.teamIds.assessmentSouth].sort());
  });

  it('prints every account with its password and TOTP secret', () => {
    const table = demoAccountsTable();
    for (const a of DEMO_ACCOUNTS) {
      expect(table).toContain(a.email);
      expect(table).toContain(a.totpSecret);
    }
    expect(table).toContain(DEMO_PASSWORD);
  });

  it('lets a demo social worker sign in with the published password and TOTP secret', async () => {
    await seedDemoAccounts(t.database.db);
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'social_worker')!;
    const b = new TestBrowser(t.app, '10.4.0.1');
    await b.get('/sign-in');
    expect((await b.post('/sign-in', { email: account.email, password: DEMO_PASSWORD })).location).toBe(
      '/sign-in/two-factor',
    );
    await b.get('/sign-in/two-factor');
    expect((await b.post('/sign-in/two-factor', { code: codeFor(account.totpSecret) })).location).toBe('/');
    expect((await b.get('/account')).body).toContain(account.name);
  });
});
