/** LA settings: the administrator's page, getLaSettings for CP-IS, sealed credentials, partnership, retention. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactNow,
  getCredential,
  getLaSettings,
  isOfficeOpen,
  keptUntil,
  retentionRules,
  settingsKey,
} from '../../src/la-settings/index.ts';
import {
  buildChild,
  buildLocalAuthority,
  buildUser,
  sessionCookie,
  type BuiltLa,
  type BuiltUser,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
let admin: BuiltUser;
let n = 0;
const key = randomBytes(32).toString('hex');

beforeAll(async () => {
  t = await createTestApp();
  t.app.deps.config.secretsKey = key;
  la = await buildLocalAuthority(t.database.db, '815');
  await buildLocalAuthority(t.database.db, '816');
  admin = await buildUser(t.database.db, la, ['system_administrator']);
});
afterAll(async () => t.close());

async function as(user: BuiltUser): Promise<TestBrowser> {
  const b = new TestBrowser(t.app, `10.8.0.${++n}`);
  b.cookies.set(...((await sessionCookie(t.database.db, user)).split('=') as [string, string]));
  return b;
}

const week = {
  mondayStart: '08:30',
  mondayEnd: '17:00',
  tuesdayStart: '08:30',
  tuesdayEnd: '17:00',
  wednesdayStart: '08:30',
  wednesdayEnd: '17:00',
  thursdayStart: '08:30',
  thursdayEnd: '17:00',
  fridayStart: '08:30',
  fridayEnd: '16:00',
  saturdayStart: '',
  saturdayEnd: '',
  sundayStart: '',
  sundayEnd: '',
};
const form = (version: number) => ({
  version: String(version),
  name: 'Fictional Borough Council',
  serviceName: 'Children’s Services',
  officePhone: '01632 960 100',
  officeEmail: 'FRONT.DOOR@fictional.example.gov.uk',
  emergencyDutyPhone: '01632 960 900',
  emergencyDutyEmail: 'edt@fictional.example.gov.uk',
  emergencyDutySms: '',
  ...week,
});

describe('getLaSettings', () => {
  it('gives demo defaults named after the LA before anything is saved, and for an unknown LA', async () => {
    const s = await getLaSettings(t.database.db, '816');
    expect(s.isDefault).toBe(true);
    expect(s.version).toBe(0);
    expect(s.officeHours.monday).toEqual({ start: '09:00', end: '17:00' });
    expect(s.officeHours.sunday).toBeNull();
    expect((await getLaSettings(t.database.db, '123')).name).toBe('Local authority 123');
  });

  it('uses the Europe/London clock: BST in summer, GMT in winter', async () => {
    const s = await getLaSettings(t.database.db, '816');
    // Monday 1 June 2026 08:30 UTC is 09:30 BST: open. Monday 7 December 2026 08:30 UTC is 08:30 GMT: closed.
    expect(isOfficeOpen(s, new Date('2026-06-01T08:30:00Z'))).toBe(true);
    expect(isOfficeOpen(s, new Date('2026-12-07T08:30:00Z'))).toBe(false);
    expect(contactNow(s, new Date('2026-12-07T08:30:00Z')).phone).toBe(s.emergencyDutyPhone);
    // Friday closes at 16:30; Saturday is closed all day.
    expect(isOfficeOpen(s, new Date('2026-12-04T16:29:00Z'))).toBe(true);
    expect(isOfficeOpen(s, new Date('2026-12-04T16:30:00Z'))).toBe(false);
    expect(contactNow(s, new Date('2026-12-05T12:00:00Z')).kind).toBe('emergency_duty');
  });
});

describe('the settings page', () => {
  it('is not found for anyone but the LA’s administrator', async () => {
    const worker = await buildUser(t.database.db, la, ['social_worker']);
    const b = await as(worker);
    for (const url of ['/admin/settings', '/admin/settings/credentials', '/admin/settings/retention'])
      expect((await b.get(url)).status).toBe(404);
  });

  it('refuses bad input field by field and saves nothing', async () => {
    const b = await as(admin);
    await b.get('/admin/settings');
    const res = await b.post('/admin/settings', {
      ...form(0),
      officePhone: '123',
      emergencyDutyEmail: 'not an email',
      mondayStart: '18:00',
      tuesdayEnd: '',
    });
    expect(res.status).toBe(400);
    for (const field of ['officePhone', 'emergencyDutyEmail', 'mondayEnd', 'tuesdayEnd'])
      expect(res.body).toContain(`href="#${field}"`);
    expect((await getLaSettings(t.database.db, '815')).isDefault).toBe(true);
  });

  it('saves, audits, and refuses a stale version without overwriting', async () => {
    const b = await as(admin);
    await b.get('/admin/settings');
    const res = await b.post('/admin/settings', form(0));
    expect(res.status).toBe(303);
    const s = await getLaSettings(t.database.db, '815');
    expect(s).toMatchObject({
      isDefault: false,
      version: 1,
      name: 'Fictional Borough Council',
      officeEmail: 'front.door@fictional.example.gov.uk',
      emergencyDutySms: null,
    });
    expect(s.officeHours.friday).toEqual({ start: '08:30', end: '16:00' });
    expect(s.officeHours.saturday).toBeNull();
    await b.get('/admin/settings');
    const stale = await b.post('/admin/settings', { ...form(0), name: 'Overwritten' });
    expect(stale.status).toBe(409);
    expect((await getLaSettings(t.database.db, '815')).name).toBe('Fictional Borough Council');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', admin.id)
      .where('action', '=', 'admin.settings_update')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('credentials', () => {
  it('are stored sealed, never shown again, and open only with the key', async () => {
    const b = await as(admin);
    await b.get('/admin/settings/credentials');
    const secret = 'notify-test-key-0123456789abcdef';
    const res = await b.post('/admin/settings/credentials', { name: 'notify_api_key', value: secret });
    expect(res.status).toBe(303);
    const row = await t.database.db
      .selectFrom('la_credentials')
      .select('sealed')
      .where('la_code', '=', '815')
      .executeTakeFirstOrThrow();
    expect(row.sealed).not.toContain(secret);
    const page = await b.get('/admin/settings/credentials');
    expect(page.body).not.toContain(secret);
    expect(page.body).toContain('Set on');
    const k = settingsKey({ secretsKey: key, dataDir: '/nonexistent' });
    expect(await getCredential(t.database.db, k, '815', 'notify_api_key')).toBe(secret);
    const wrong = settingsKey({ secretsKey: randomBytes(32).toString('hex'), dataDir: '/nonexistent' });
    await expect(getCredential(t.database.db, wrong, '815', 'notify_api_key')).rejects.toThrow();
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'admin.credential_set')
      .execute();
    expect(audit.map((a) => a.reason)).toEqual(['notify_api_key']);
  });

  it('an empty key is a field error, and the typed key is not sent back', async () => {
    const b = await as(admin);
    await b.get('/admin/settings/credentials');
    const res = await b.post('/admin/settings/credentials', { name: 'dfe_api_key', value: '   ' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('href="#value"');
  });
});

describe('partnership and retention', () => {
  it('shows that no partnership is set up yet', async () => {
    const b = await as(admin);
    const page = await b.get('/admin/settings/partnership');
    expect(page.status).toBe(200);
    expect(page.body).toContain('No safeguarding partnership has been set up');
  });

  it('shows the national defaults with their sources, and saves the LA’s own period', async () => {
    const b = await as(admin);
    const page = await b.get('/admin/settings/retention');
    expect(page.body).toContain('Care Planning, Placement and Case Review (England) Regulations 2010');
    const bad = await b.post('/admin/settings/retention', {
      kind: 'child_in_need',
      basis: 'birthday',
      years: '0',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('href="#years"');
    await b.post('/admin/settings/retention', { kind: 'child_in_need', basis: 'birthday', years: '26' });
    const rules = await retentionRules(t.database.db, '815');
    expect(rules.find((r) => r.kind === 'child_in_need')).toMatchObject({ years: 26, isDefault: false });
    expect(rules.find((r) => r.kind === 'looked_after')).toMatchObject({ years: 75, isDefault: true });
  });

  it('keeps a record for the longest rule of its kinds, and cannot say while a closure rule’s record is open', async () => {
    const rules = await retentionRules(t.database.db, '816');
    expect(
      keptUntil(rules, {
        dateOfBirth: '2010-04-01',
        kinds: ['child_in_need', 'looked_after'],
        closedOn: null,
        isOpen: true,
      }),
    ).toEqual({ until: '2085-04-01', kind: 'looked_after' });
    expect(
      keptUntil(rules, { dateOfBirth: '2010-04-01', kinds: ['contact_only'], closedOn: null, isOpen: true }),
    ).toBeNull();
    expect(
      keptUntil(rules, { dateOfBirth: null, kinds: ['contact_only'], closedOn: '2024-02-29', isOpen: false }),
    ).toEqual({ until: '2030-03-01', kind: 'contact_only' });
  });
});

describe('records due for disposal', () => {
  it('lists a contact-only record past its period, and a legal hold takes it off the list', async () => {
    const old = await buildChild(t.database.db, '815', {
      givenName: 'Oldcontact',
      dateOfBirth: '2005-01-01',
    });
    const recent = await buildChild(t.database.db, '815', {
      givenName: 'Newcontact',
      dateOfBirth: '2015-01-01',
    });
    for (const [person, on] of [
      [old, '2015-03-01'],
      [recent, '2025-03-01'],
    ] as const)
      await t.database.db
        .insertInto('contacts')
        .values({ la_code: '815', person_id: person, received_on: on, status: 'decided', decision: 'nfa' })
        .execute();
    const b = await as(admin);
    const page = await b.get('/admin/settings/retention/due');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Oldcontact');
    expect(page.body).toContain('1 March 2021');
    expect(page.body).not.toContain('Newcontact Testchild</td>');
    const bad = await b.post('/admin/settings/retention/holds', { personId: old, reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('href="#reason"');
    const held = await b.post('/admin/settings/retention/holds', {
      personId: old,
      reason: 'Claim in litigation',
    });
    expect(held.status).toBe(303);
    const after = await b.get('/admin/settings/retention/due');
    expect(after.body).toContain('1 records on hold');
    expect(after.body).toContain('Nothing is due');
  });
});
