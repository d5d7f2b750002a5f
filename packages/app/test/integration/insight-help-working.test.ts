/**
 * "Is help working?" on a real database: goal scores over the course of plans, children seen and
 * seen alone, re-referrals within 12 months, for the LA and each team, as charts with tables; a
 * team with fewer than 5 children not shown on its own, never a worker's name, and only for
 * those with the practice insight capability.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocate,
  buildChild,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const db = () => t.database.db;
let manager: string;
let worker: string;
const LA = '972';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), LA, 'Help Borough');
  const big = await buildTeam(db(), la, { name: 'Big Team' });
  const small = await buildTeam(db(), la, { name: 'Small Team' });
  const w = await buildUser(db(), la, ['social_worker'], { teamId: big, name: 'Winifred Visitor' });
  worker = await sessionCookie(db(), w);
  manager = await sessionCookie(
    db(),
    await buildUser(db(), la, ['team_manager'], { teamId: big, isManager: true }),
  );
  const child = async (
    team: string,
    seen: 'seen' | 'seen-alone' | 'not-seen',
    scores: [number, number],
    rereferred: boolean,
  ) => {
    const id = await buildChild(db(), LA);
    await allocate(db(), LA, id, team, w.id);
    await db()
      .insertInto('visits')
      .values({
        la_code: LA,
        person_id: id,
        visit_date: daysAgo(0),
        seen,
        summary: 'A visit',
        recorded_by: w.id,
      })
      .execute();
    const goal = await db()
      .insertInto('plan_goals')
      .values({
        la_code: LA,
        person_id: id,
        plan_kind: 'cin',
        plan_id: randomUUID(),
        goal: 'Go to school every day',
        added_on: daysAgo(90),
        recorded_by: w.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [on, score] of [
      [daysAgo(90), scores[0]],
      [daysAgo(0), scores[1]],
    ] as const)
      await db()
        .insertInto('goal_scores')
        .values({ la_code: LA, person_id: id, goal_id: goal.id, scored_on: on, score, recorded_by: w.id })
        .execute();
    if (rereferred)
      await db()
        .insertInto('cin_episodes')
        .values({
          la_code: LA,
          person_id: id,
          referral_on: daysAgo(200),
          closed_on: daysAgo(150),
          source: '1A',
          recorded_by: w.id,
        })
        .execute();
    await db()
      .insertInto('cin_episodes')
      .values({ la_code: LA, person_id: id, referral_on: daysAgo(30), source: '1A', recorded_by: w.id })
      .execute();
  };
  for (const [seen, again] of [
    ['seen-alone', true],
    ['seen-alone', true],
    ['seen-alone', false],
    ['seen', false],
    ['seen', false],
    ['not-seen', false],
  ] as const)
    await child(big, seen, [3, 6], again);
  for (let i = 0; i < 2; i++) await child(small, 'seen', [2, 9], true);
});
afterAll(async () => t.close());

const table = (body: string, id: string) =>
  new RegExp(`data-testid="${id}"[\\s\\S]*?</table>`).exec(body)?.[0] ?? '';

describe('is help working?', () => {
  it('shows goal scores over the course of plans, for the LA and by team', async () => {
    const res = await t.app.inject({ url: '/insight/help', headers: { cookie: manager } });
    expect(res.statusCode).toBe(200);
    const months = table(res.body, 'help-scores-table');
    // All 8 children: (6 × 3 + 2 × 2) / 8 at the start, (6 × 6 + 2 × 9) / 8 in the third month.
    expect(months).toMatch(/Month 1<\/td>\s*<td[^>]*>2\.8</);
    expect(months).toMatch(/Month 3<\/td>\s*<td[^>]*>6\.8</);
    const teams = table(res.body, 'help-score-teams');
    expect(teams).toMatch(/Big Team[\s\S]*?>6<[\s\S]*?>3<[\s\S]*?>6<[\s\S]*?>\+3<[\s\S]*?>100%</);
    expect(teams).toMatch(/Small Team[\s\S]*?not shown/);
    expect(teams).not.toContain('+7');
    expect(res.body).toContain('role="img"');
    expect(res.body).not.toContain('Winifred');
  });

  it('shows how often children are seen and seen alone, a small team not on its own', async () => {
    const res = await t.app.inject({ url: '/insight/help', headers: { cookie: manager } });
    const teams = table(res.body, 'help-seen-teams');
    expect(teams).toMatch(/Big Team[\s\S]*?>6<[\s\S]*?>83%<[\s\S]*?>50%</);
    expect(teams).toMatch(/Small Team[\s\S]*?not shown/);
    expect(teams).not.toContain('100%');
    // The LA's month: 8 visits, 7 saw the child, 3 alone.
    expect(table(res.body, 'help-seen-table')).toContain('88%');
    expect(table(res.body, 'help-alone-table')).toContain('38%');
  });

  it('counts re-referrals within 12 months of an earlier referral', async () => {
    const res = await t.app.inject({ url: '/insight/help', headers: { cookie: manager } });
    const teams = table(res.body, 'help-referral-teams');
    // Big Team: 6 referrals a month ago and 2 earlier ones; the 2 children referred again.
    expect(teams).toMatch(/Big Team[\s\S]*?>8<[\s\S]*?>2<[\s\S]*?>25%</);
    expect(teams).toMatch(/Small Team[\s\S]*?not shown/);
  });

  it('is not offered to a social worker', async () => {
    expect((await t.app.inject({ url: '/insight/help', headers: { cookie: worker } })).statusCode).toBe(404);
  });
});
