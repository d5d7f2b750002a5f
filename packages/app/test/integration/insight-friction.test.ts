/**
 * "What got in the way?" on a real database: on every signed-in page, refused with a child's
 * details in it (an NHS number, a known child's name), the PSW's view by page and theme with no
 * reporter named, the reply and what changed, and the reporter seeing the reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildChild,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const db = () => t.database.db;
let worker: string;
let psw: string;
let manager: string;

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '961', 'Insight Borough');
  const team = await buildTeam(db(), la, { name: 'Team I' });
  worker = await sessionCookie(
    db(),
    await buildUser(db(), la, ['social_worker'], { teamId: team, name: 'Rhiannon Reporter' }),
  );
  psw = await sessionCookie(db(), await buildUser(db(), la, ['principal_social_worker']));
  manager = await sessionCookie(
    db(),
    await buildUser(db(), la, ['team_manager'], { teamId: team, isManager: true }),
  );
  await buildChild(db(), '961', { givenName: 'Ottoline', familyName: 'Pemberton' });
});
afterAll(async () => t.close());

const report = (body: string, from = '/caseload') =>
  submitForm(t.app, `/what-got-in-the-way?from=${encodeURIComponent(from)}`, worker, { body, from });

describe('what got in the way', () => {
  it('is linked from every signed-in page, with the page it was on', async () => {
    const page = await t.app.inject({ url: '/caseload', headers: { cookie: worker } });
    expect(page.body).toContain('href="/what-got-in-the-way?from=%2Fcaseload"');
    const signedOut = await t.app.inject({ url: '/' });
    expect(signedOut.body).not.toContain('/what-got-in-the-way');
  });

  it('refuses an NHS number or a known child’s name, and saves nothing', async () => {
    for (const body of [
      'Could not find the child with NHS number 943 476 5919 in search',
      'Ottoline Pemberton’s plan would not save',
      'the plan for ottoline pemberton would not save',
    ]) {
      const res = await report(body);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('a report must not include an NHS number or a child’s name');
    }
    expect(await db().selectFrom('friction_reports').selectAll().execute()).toEqual([]);
  });

  it('saves a report with the page as a pattern, and groups similar ones for the PSW', async () => {
    const id = 'd0000000-0000-4000-8000-00000000abcd';
    expect(
      (await report('The visit form timed out and I lost my notes', `/children/${id}/record/visit`))
        .statusCode,
    ).toBe(303);
    expect(
      (await report('Visit form timed out again before I could save', `/children/${id}/record/visit`))
        .statusCode,
    ).toBe(303);
    expect((await report('The printer on the second floor is broken', '/caseload')).statusCode).toBe(303);
    const pages = await db().selectFrom('friction_reports').select('page').execute();
    expect(pages.map((p) => p.page).sort()).toEqual([
      '/caseload',
      '/children/:id/record/visit',
      '/children/:id/record/visit',
    ]);

    const view = await t.app.inject({ url: '/insight/reports', headers: { cookie: psw } });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('/children/:id/record/visit (2)');
    expect(view.body).toMatch(/(visit|form|time)[^<]*\(2\)/);
    expect(view.body).toContain('data-testid="friction-months-table"');
    expect(view.body).not.toContain('Rhiannon');
  });

  it('is the PSW’s alone to read and answer', async () => {
    expect((await t.app.inject({ url: '/insight/reports', headers: { cookie: manager } })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/insight/reports', headers: { cookie: worker } })).statusCode).toBe(
      404,
    );
  });

  it('shows the PSW’s reply and what changed to the reporter, and refuses a stale reply', async () => {
    const { id } = await db()
      .selectFrom('friction_reports')
      .select('id')
      .where('body', 'like', 'The printer%')
      .executeTakeFirstOrThrow();
    const empty = await submitForm(t.app, `/insight/reports/${id}`, psw, {
      reply: '',
      whatChanged: '',
      version: '1',
    });
    expect(empty.statusCode).toBe(400);
    const res = await submitForm(t.app, `/insight/reports/${id}`, psw, {
      reply: 'Thank you, facilities are on it',
      whatChanged: 'A new printer was ordered',
      version: '1',
    });
    expect(res.statusCode).toBe(303);
    const stale = await submitForm(t.app, `/insight/reports/${id}`, psw, { reply: 'Again', version: '1' });
    expect(stale.statusCode).toBe(409);
    const mine = await t.app.inject({ url: '/what-got-in-the-way', headers: { cookie: worker } });
    expect(mine.body).toContain('Thank you, facilities are on it');
    expect(mine.body).toContain('A new printer was ordered');
    const others = await t.app.inject({ url: '/what-got-in-the-way', headers: { cookie: manager } });
    expect(others.body).not.toContain('facilities are on it');
  });
});
