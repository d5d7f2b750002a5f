/**
 * The record page: the emergency-access banner (read-only, and when it ends) after break glass,
 * and dates in words ("1 December 2026") wherever the journey shows one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longDate, shiftDate, today } from '../../src/http/forms/dates.ts';
import { sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('after break glass', () => {
  it('the record says the access is emergency, read-only, and when it ends', async () => {
    const child = w.children.child1;
    const bea = await sessionCookie(db(), w.users.workerB);
    const before = Date.now();
    const glass = await submitForm(t.app, `/children/${child}/break-glass`, bea, {
      reason: 'Police called about an urgent welfare concern tonight',
    });
    expect(glass.statusCode).toBe(303);
    const page = await t.app.inject({ url: glass.headers.location as string, headers: { cookie: bea } });
    expect(page.statusCode).toBe(200);
    const banner = /data-testid="emergency-access"[\s\S]*?<\/div>\s*<\/div>/.exec(page.body)?.[0] ?? '';
    const words = text(banner);
    expect(words).toContain('Emergency access');
    expect(words).toContain('You are seeing this record with emergency access');
    expect(words).toContain('You can read it but not change it');
    // Ends 30 minutes from the grant, in England's time and in words.
    const grant = await db()
      .selectFrom('break_glass_grants')
      .select('expires_at')
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    const ends = new Date(grant.expires_at);
    expect(ends.getTime()).toBeGreaterThan(before);
    expect(words).toMatch(/Your access ends at \d{1,2}:\d{2}(am|pm) on \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(words).toContain(`on ${longDate(ends)}.`);
    // Read-only: nothing to record.
    expect(page.body).not.toContain('Record a visit');
    expect(page.body).not.toContain('data-testid="next-steps"');
  });

  it('is not shown to the allocated worker, who sees the record through their allocation', async () => {
    const ada = await sessionCookie(db(), w.users.workerA);
    const page = await t.app.inject({ url: `/children/${w.children.child1}`, headers: { cookie: ada } });
    expect(page.body).not.toContain('emergency access');
    expect(page.body).toContain('Record a visit');
  });
});

describe('dates on the journey', () => {
  it('a timescale is shown as "by 1 December 2026", never in ISO', async () => {
    const child = w.children.child1;
    const ada = await sessionCookie(db(), w.users.workerA);
    const due = shiftDate(today(), { months: 2 });
    const [y, m, d] = due.split('-');
    const res = await submitForm(t.app, `/children/${child}/record/timescale`, ada, {
      subject: 'Finish the assessment',
      'dueOn-day': String(Number(d)),
      'dueOn-month': String(Number(m)),
      'dueOn-year': y!,
      reason: 'The family asked for time after the move',
    });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/children/${child}`, headers: { cookie: ada } });
    expect(page.body).toContain(`Timescale set: by ${longDate(due)}`);
    expect(page.body).toContain(`Finish the assessment: by ${longDate(due)}`);
    expect(page.body).not.toContain(due);
  });
});
