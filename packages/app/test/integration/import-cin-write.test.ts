/**
 * The CIN census import's write: each child through the journey's steps in one transaction, as the
 * named officer, audited; resumable (a second run skips every child); a child whose history the
 * journey refuses leaves nothing behind; an existing child is added to, never duplicated.
 */
import { censusFromInput, generateInput, type CinCensus } from '@waypoint/returns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { loadActor } from '../../src/auth/load-actor.ts';
import { planCinImport } from '../../src/data-import/plan-cin.ts';
import { writeCinImport } from '../../src/data-import/write-cin.ts';
import { buildChild, buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '826';
const year = '2025-26';
let t: TestApp;
let officer: BuiltUser;
const db = () => t.database.db;
const census: CinCensus = censusFromInput(
  generateInput({ children: 10, seed: 11, year, laCode: LA }),
  year,
  '2026-04-01T09:00:00',
);

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), LA);
  officer = await buildUser(db(), la, ['performance_officer']);
});
afterAll(async () => t.close());

async function actor() {
  const a = await loadActor(db(), officer.id, { via: 'cli', actingLaCode: LA });
  if (a === null) throw new Error('no actor');
  return a;
}
async function run(c: CinCensus) {
  const a = await actor();
  return writeCinImport(db(), a, c, await planCinImport(db(), a, c), year);
}
const peopleCount = async () =>
  Number(
    (
      await db()
        .selectFrom('people')
        .select(db().fn.countAll<string>().as('n'))
        .where('la_code', '=', LA)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('import cin', () => {
  it('creates each child with their episodes through the journey, audited as the officer', async () => {
    const res = await run(census);
    expect(res.children.length).toBe(census.children.length);
    const refusedWhy = res.children.filter((c) => c.outcome === 'refused').map((c) => c.reasons.join(' '));
    expect(res.counts.created, refusedWhy.join('\n')).toBeGreaterThan(census.children.length / 2);
    for (const why of refusedWhy) expect(why).toMatch(/\w/);
    expect(await peopleCount()).toBe(res.counts.created);
    const first = res.children.find((c) => c.outcome === 'created')!;
    const src = census.children.find((c) => c.laChildId === first.laChildId)!;
    const person = await db()
      .selectFrom('people')
      .select(['la_child_id', 'date_of_birth', 'created_by'])
      .where('id', '=', first.personId!)
      .executeTakeFirstOrThrow();
    expect(person.la_child_id).toBe(src.laChildId);
    expect(person.created_by).toBe(officer.id);
    const episodes = await db()
      .selectFrom('cin_episodes')
      .select(['referral_on', 'closed_on', 'closure_reason', 'source'])
      .where('person_id', '=', first.personId!)
      .orderBy('referral_on')
      .execute();
    expect(episodes.map((e) => e.referral_on)).toEqual(src.cinEpisodes.map((e) => e.referralDate));
    expect(episodes.map((e) => e.source)).toEqual(src.cinEpisodes.map((e) => e.referralSource));
    const audit = await db()
      .selectFrom('audit_events')
      .select(['actor_user_id', 'action', 'reason'])
      .where('subject_person_id', '=', first.personId!)
      .execute();
    expect(audit.map((a) => [a.actor_user_id, a.action])).toEqual([[officer.id, 'record.create']]);
    expect(audit[0]!.reason).toContain(src.laChildId);
    expect((await verifyAuditChain(db())).firstBreak).toBeNull();
  });

  it('is resumable: a second run skips every child it imported and creates no one', async () => {
    const before = await peopleCount();
    const res = await run(census);
    expect(res.counts.created).toBe(0);
    expect(res.counts.added).toBe(0);
    expect(res.counts.skipped).toBe(before);
    expect(await peopleCount()).toBe(before);
  });

  it('leaves nothing of a child whose history the journey refuses part-way', async () => {
    const src = census.children.find((c) => c.birthDate && c.cinEpisodes.length > 0)!;
    const ep = src.cinEpisodes[0]!;
    // An assessment that starts before the referral: the assessment step refuses it, after the
    // person and the referral were written in the same transaction.
    const bad = {
      ...src,
      laChildId: 'BROKEN1',
      birthDate: '2012-02-29',
      sex: 'U',
      upn: null,
      nhsNumber: null,
      cinEpisodes: [
        { ...ep, assessments: [{ startDate: '2001-01-01', authorisationDate: null, factors: null }] },
      ],
    };
    const before = await peopleCount();
    const res = await run({ ...census, children: [bad] });
    expect(res.children[0]).toMatchObject({ outcome: 'refused', personId: null });
    expect(res.children[0]!.reasons[0]).toContain('assessment');
    expect(await peopleCount()).toBe(before);
    const left = await db().selectFrom('people').select('id').where('la_child_id', '=', 'BROKEN1').execute();
    expect(left).toEqual([]);
  });

  it('adds a new episode to a child already in Waypoint instead of creating a second record', async () => {
    const src = census.children.find((c) => c.birthDate && c.cinEpisodes.length > 0)!;
    const existing = await buildChild(db(), LA, { dateOfBirth: src.birthDate! });
    await db().updateTable('people').set({ la_child_id: 'KNOWN1' }).where('id', '=', existing).execute();
    const ep = src.cinEpisodes.at(-1)!;
    const child = { ...src, laChildId: 'KNOWN1', upn: null, nhsNumber: null, cinEpisodes: [ep] };
    const before = await peopleCount();
    const res = await run({ ...census, children: [child] });
    expect(res.children[0]).toMatchObject({ outcome: 'added', personId: existing, episodes: 1 });
    expect(await peopleCount()).toBe(before);
    const again = await run({ ...census, children: [child] });
    expect(again.children[0]).toMatchObject({ outcome: 'skipped', personId: existing });
  });
});
