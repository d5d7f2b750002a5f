/**
 * The returns in the app: the point-of-recording check on the journey page (shown, never
 * blocking), the data quality page and its downloads for a performance officer, and "not found"
 * for everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { longDate, shiftDate, today } from '../../src/http/forms/dates.ts';
import { jobDefinition } from '../../src/jobs/registry.ts';
import '../../src/jobs/definitions.ts';
import { recordTodaysQuality, RETURNS_QUALITY_DAY } from '../../src/returns/quality-job.ts';
import { laChildIdOf } from '../../src/returns/adapter.ts';
import {
  allocate,
  bearer,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
  type BuiltUser,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '952';
let t: TestApp;
let worker: BuiltUser;
let officer: BuiltUser;
let manager: BuiltUser;
let child: string;
const db = () => t.database.db;
const day = (n: number) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), LA);
  const team = await buildTeam(db(), la, { name: 'Assessment Team West' });
  worker = await buildUser(db(), la, ['social_worker'], { teamId: team, name: 'Wes Worker' });
  officer = await buildUser(db(), la, ['performance_officer']);
  manager = await buildUser(db(), la, ['team_manager'], { teamId: team, isManager: true });
  const { id } = await db()
    .insertInto('people')
    .values({
      la_code: LA,
      kind: 'child',
      given_name: 'Ada',
      family_name: 'Query',
      date_of_birth: shiftDate(today(), { years: -8 }),
      sex: 'female',
      ethnicity: 'WBRI',
      disabilities: ['NONE'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  child = id;
  await allocate(db(), LA, child, team, worker.id);
  const token = await bearer(db(), worker);
  const step = async (kind: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child}/journey/${kind}`,
      headers: { authorization: token },
      payload,
    });
    expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
  };
  await step('contact', { receivedOn: day(-12), source: '3B', worries: 'Health visitor worried.' });
  await step('contact-decision', {
    decidedOn: day(-12),
    decision: 'referral',
    primaryNeed: 'N4',
    reason: 'Assess.',
  });
  // A child of school age with no UPN: the census queries it (8770Q); every step is saved all the same.
  await step('assessment', {
    startedOn: day(-10),
    completedOn: day(-2),
    childDevelopment: 'Thriving.',
    parentingCapacity: 'Tired.',
    familyEnvironment: 'Settled.',
    factors: ['4B'],
    analysis: 'Support needed.',
    outcome: 'cin-plan',
  });
});
afterAll(async () => t.close());

describe('the point-of-recording check', () => {
  it('shows the worker what the census will query, in plain words with a link, after the step was saved', async () => {
    const res = await t.app.inject({
      url: `/children/${child}`,
      headers: { cookie: await sessionCookie(db(), worker) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('The statutory returns will query this record');
    expect(res.body).toContain(
      'The census will query this: there is no UPN for a child of school age, 8770Q.',
    );
    expect(res.body).toContain(`href="/children/${child}/details/edit#upn"`);
    const saved = await db().selectFrom('assessments').select('id').where('person_id', '=', child).execute();
    expect(saved).toHaveLength(1);
  });
});

describe('the data quality page', () => {
  it('lists the finding with the child, the rule, the worker and the team, and offers the downloads', async () => {
    const cookie = await sessionCookie(db(), officer);
    const res = await t.app.inject({ url: '/returns', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const id = laChildIdOf({ id: child, la_child_id: null });
    expect(res.body).toContain('CIN census 8770Q');
    expect(res.body).toContain(id);
    expect(res.body).toContain('Wes Worker');
    expect(res.body).toContain('Assessment Team West');
    const filtered = await t.app.inject({
      url: `/returns?rule=${encodeURIComponent('CIN census:8770Q')}&team=${encodeURIComponent('Assessment Team West')}`,
      headers: { cookie },
    });
    expect(filtered.body.match(/data-testid="matching">[^<]*/)?.[0]).toBe(
      'data-testid="matching">1 finding for CIN census:8770Q and Assessment Team West (',
    );

    const xml = await t.app.inject({ url: '/returns/cin.xml', headers: { cookie } });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-disposition']).toMatch(/attachment; filename="cin-\d{4}-\d{2}\.xml"/);
    expect(xml.body).toContain(`<LAchildID>${id}</LAchildID>`);
    const report = await t.app.inject({ url: '/returns/cin-report.json', headers: { cookie } });
    expect(report.json<{ issues: { rule: string; child: string }[] }>().issues).toContainEqual(
      expect.objectContaining({ rule: '8770Q', child: id }),
    );
    const header = await t.app.inject({ url: '/returns/903/Header.csv', headers: { cookie } });
    expect(header.statusCode).toBe(200);
    expect(header.body.split(/\r?\n/)[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
    const xlsx = await t.app.inject({ url: '/returns/annex-a.xlsx', headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const unknown = await t.app.inject({ url: '/returns/903/Nonsense.csv', headers: { cookie } });
    expect(unknown.statusCode).toBe(404);

    const audits = await db()
      .selectFrom('audit_events')
      .select(['record_id', 'reason'])
      .where('actor_user_id', '=', officer.id)
      .where('action', '=', 'record.export')
      .execute();
    // The page twice, four downloads; the unknown table was refused before any read.
    expect(audits.length).toBe(6);
    expect(audits.every((a) => a.reason?.includes(id))).toBe(true);
  });

  it('shows the findings over time: each morning the job records the figures, and today is live', async () => {
    const yesterday = day(-1);
    const { year, days } = await recordTodaysQuality(
      (fn) => inTenant(db(), LA, fn),
      LA,
      'test-job',
      yesterday,
    );
    const recorded = await db()
      .selectFrom('returns_quality_days')
      .select(['day', 'return_name', 'children', 'errors', 'queries', 'collection_year'])
      .where('la_code', '=', LA)
      .orderBy('return_name')
      .execute();
    expect(recorded.map((r) => [r.day, r.return_name, r.collection_year])).toEqual([
      [yesterday, 'CIN census', year.label],
      [yesterday, 'SSDA903', year.label],
    ]);
    // The 8770Q query of the child above, as the census of that day held it.
    const cin = recorded.find((r) => r.return_name === 'CIN census')!;
    expect(cin.children).toBe(1);
    expect(cin.queries).toBeGreaterThanOrEqual(1);
    expect(days.find((d) => d.return === 'CIN census')).toMatchObject({ children: 1, queries: cin.queries });
    // The job's read of the LA is audited as the system's, naming the child, like a person's return read.
    const read = await db()
      .selectFrom('audit_events')
      .select(['actor_user_id', 'action', 'record_type', 'reason'])
      .where('la_code', '=', LA)
      .where('record_id', '=', `data quality day ${year.label}`)
      .execute();
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ actor_user_id: null, action: 'record.export', record_type: 'return' });
    expect(read[0]!.reason).toContain(laChildIdOf({ id: child, la_child_id: null }));
    // Run again the same day: replaced, not doubled.
    await recordTodaysQuality((fn) => inTenant(db(), LA, fn), LA, 'test-job', yesterday);
    expect(
      await db().selectFrom('returns_quality_days').select('day').where('la_code', '=', LA).execute(),
    ).toHaveLength(2);

    const res = await t.app.inject({
      url: '/returns',
      headers: { cookie: await sessionCookie(db(), officer) },
    });
    expect(res.statusCode).toBe(200);
    const table = /data-testid="trend-cin-table"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    const cells = [...table.matchAll(/<t[hd][^>]*>\s*([^<]*?)\s*<\/t[hd]>/g)].map((m) => m[1]);
    expect(cells).toEqual([
      'Day',
      'Findings',
      longDate(yesterday),
      String(cin.errors + cin.queries),
      longDate(today()),
      String(cin.errors + cin.queries),
    ]);
    expect(res.body).toContain('aria-labelledby="trend-903-title trend-903-desc"');
    expect(jobDefinition(RETURNS_QUALITY_DAY)?.recurring).toEqual({
      cron: '30 6 * * *',
      timezone: 'Europe/London',
    });
  });

  it('is there for managers, and not found for a social worker', async () => {
    const m = await t.app.inject({
      url: '/returns',
      headers: { cookie: await sessionCookie(db(), manager) },
    });
    expect(m.statusCode).toBe(200);
    const w = await t.app.inject({ url: '/returns', headers: { cookie: await sessionCookie(db(), worker) } });
    expect(w.statusCode).toBe(404);
    const d = await t.app.inject({
      url: '/returns/cin.xml',
      headers: { cookie: await sessionCookie(db(), worker) },
    });
    expect(d.statusCode).toBe(404);
    expect(d.body).not.toContain('<Message');
  });
});
