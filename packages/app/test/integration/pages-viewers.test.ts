/**
 * "Who has viewed this record": one row per person and day (in England), in words, paged with the
 * GOV.UK pagination component; read through the repository and itself audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
const db = () => t.database.db;
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function rowsOf(html: string): string[] {
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? '';
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((r) =>
    [...r[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)).join(' | '),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(db());
  const child = w.children.child1;
  const ada = await sessionCookie(db(), w.users.workerA);
  const colleague = await sessionCookie(db(), w.users.colleagueA);
  const view = async (cookie: string, at: string) => {
    vi.setSystemTime(new Date(at));
    const res = await t.app.inject({ url: `/children/${child}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
  };
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    // 26 days in October with one view each, then three views on 20 November and two people on the 21st.
    for (let d = 1; d <= 26; d++) await view(ada, `2026-10-${String(d).padStart(2, '0')}T09:00:00Z`);
    await view(ada, '2026-11-20T10:00:00Z');
    await view(ada, '2026-11-20T12:30:00Z');
    await view(ada, '2026-11-20T15:30:00Z');
    await view(colleague, '2026-11-21T08:15:00Z');
    await view(ada, '2026-11-21T09:40:00Z');
    // 23:30 UTC on 21 November is still the 21st in England (GMT); the row is by England's day.
    await view(ada, '2026-11-21T23:30:00Z');
  } finally {
    vi.useRealTimers();
  }
});
afterAll(async () => t.close());

describe('who has viewed this record', () => {
  it('groups by person and day, newest first, in words, not codes', async () => {
    const manager = await sessionCookie(db(), w.users.managerA);
    const res = await t.app.inject({
      url: `/children/${w.children.child1}/viewers`,
      headers: { cookie: manager },
    });
    expect(res.statusCode).toBe(200);
    const rows = rowsOf(res.body);
    expect(rows).toHaveLength(25);
    expect(rows.slice(0, 4)).toEqual([
      '21 November 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record twice | 9:40am to 11:30pm',
      expect.stringMatching(/^21 November 2026 \| .+ \| Viewed the record \| 8:15am$/),
      '20 November 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record 3 times | 10:00am to 3:30pm',
      // 26 October is after the clocks went back: 9am GMT.
      '26 October 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record | 9:00am',
    ]);
    expect(res.body).not.toMatch(/record\.view|2026-1[01]-\d\dT/);
    expect(res.body).toContain('29 rows in all');
    // GOV.UK pagination: page 2 holds the rest.
    expect(res.body).toContain('govuk-pagination');
    expect(res.body).toContain(`href="/children/${w.children.child1}/viewers?page=2"`);
    const second = await t.app.inject({
      url: `/children/${w.children.child1}/viewers?page=2`,
      headers: { cookie: manager },
    });
    expect(rowsOf(second.body)).toEqual([
      '4 October 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record | 10:00am',
      '3 October 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record | 10:00am',
      '2 October 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record | 10:00am',
      '1 October 2026 | Ada Worker Northbrook Children&#39;s Services | Viewed the record | 10:00am',
    ]);
    // A page that is not a number is the first page; one beyond the last is empty but still paged.
    const junk = await t.app.inject({
      url: `/children/${w.children.child1}/viewers?page=abc`,
      headers: { cookie: manager },
    });
    expect(rowsOf(junk.body)).toEqual(rows);
    const beyond = await t.app.inject({
      url: `/children/${w.children.child1}/viewers?page=9`,
      headers: { cookie: manager },
    });
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('29 rows in all');
  });

  it('says emergency access and its reason in words, and the view of the audit is itself audited', async () => {
    const bea = await sessionCookie(db(), w.users.workerB);
    const form = await t.app.inject({
      url: `/children/${w.children.child1}/break-glass`,
      headers: { cookie: bea },
    });
    expect(form.statusCode).toBe(200);
    const { submitForm } = await import('../support/forms.ts');
    await submitForm(t.app, `/children/${w.children.child1}/break-glass`, bea, {
      reason: 'Police called about an urgent welfare concern',
    });
    const manager = await sessionCookie(db(), w.users.managerA);
    const res = await t.app.inject({
      url: `/children/${w.children.child1}/viewers`,
      headers: { cookie: manager },
    });
    expect(rowsOf(res.body)[0]).toMatch(
      /^\d{1,2} [A-Z][a-z]+ 2026 \| Bea Worker .+ \| Used emergency access, giving the reason: “Police called about an urgent welfare concern” \| /,
    );
    const audited = await db()
      .selectFrom('audit_events')
      .select('outcome')
      .where('actor_user_id', '=', w.users.managerA.id)
      .where('action', '=', 'audit.view')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });
});
