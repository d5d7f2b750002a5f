/**
 * Families' feedback over time: the LA's and teams' averages as charts with tables, a team with
 * fewer than 5 answers not shown on its own, never a worker's name, and only for those with the
 * practice insight capability.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeHash, newCode } from '../../src/feedback/codes.ts';
import {
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

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '971', 'Trend Borough');
  const big = await buildTeam(db(), la, { name: 'Big Team' });
  const small = await buildTeam(db(), la, { name: 'Small Team' });
  const sender = await buildUser(db(), la, ['social_worker'], { teamId: big, name: 'Winifred Sender' });
  worker = await sessionCookie(db(), sender);
  manager = await sessionCookie(
    db(),
    await buildUser(db(), la, ['team_manager'], { teamId: big, isManager: true }),
  );
  const child = await buildChild(db(), '971');
  const answer = async (team: string, listened: number) => {
    const { id } = await db()
      .insertInto('feedback_requests')
      .values({
        la_code: '971',
        child_id: child,
        respondent_person_id: child,
        respondent: 'child',
        form: 'standard',
        channel: 'print',
        code_hash: codeHash(newCode()),
        expires_at: new Date(Date.now() + 86_400_000),
        used_at: new Date(),
        team_id: team,
        sent_by: sender.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('feedback_responses')
      .values({
        la_code: '971',
        request_id: id,
        child_id: child,
        team_id: team,
        respondent: 'child',
        form: 'standard',
        listened_to: listened,
        plan_helping: 3,
      })
      .execute();
  };
  for (const v of [4, 4, 3, 3, 2, 2]) await answer(big, v);
  for (const v of [0, 1]) await answer(small, v);
});
afterAll(async () => t.close());

describe('families’ feedback over time', () => {
  it('shows the LA’s and teams’ averages, with a small team not shown on its own', async () => {
    const res = await t.app.inject({ url: '/insight/feedback', headers: { cookie: manager } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('8 in all');
    const teams = /data-testid="feedback-teams"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    expect(teams).toMatch(/Big Team[\s\S]*?>6<[\s\S]*?>3<\/td>/);
    expect(teams).toMatch(/Small Team[\s\S]*?Fewer than 5[\s\S]*?Not shown/);
    expect(teams).not.toMatch(/Small Team[\s\S]*?0\.5/);
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain('data-testid="fb-listened-table"');
    expect(res.body).not.toContain('Winifred');
  });

  it('is not offered to a social worker', async () => {
    expect((await t.app.inject({ url: '/insight/feedback', headers: { cookie: worker } })).statusCode).toBe(
      404,
    );
  });
});
