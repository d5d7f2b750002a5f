/**
 * The fictional LA generator: deterministic from the seed, journeys that the domain accepts (a
 * refused step fails the run) and that keep its invariants, proportions near the national
 * figures, valid identifiers, one audit event per person, and corpus spans on the stored text.
 */
import { isValidNhsNumber, isValidUpn, normalisePostcode } from '@waypoint/identifiers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today as londonToday } from '../../src/http/forms/dates.ts';
import { generateFictionalLas, plan } from '../../src/seed/generate/index.ts';
import type { CorpusLine } from '../../src/seed/generate/corpus.ts';
import { summarise, type LaSummary } from '../../src/seed/generate/summary.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// The real day: the generator plans the journeys up to it, and the domain's date rules (an
// expected date of birth today or later, a visit not in the future) check against the real clock.
// A fixed day here failed once the real date passed the earliest expected date it planned.
const today = londonToday();
const workers = { caseWorkers: [{ teamId: 't', userId: 'u', name: 'Ada Worker' }] };
let t: TestDatabase;
let s: LaSummary;
const corpus: CorpusLine[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await generateFictionalLas(t.db, { children: 500, seed: 11, today, onCorpus: (l) => corpus.push(l) });
  s = await summarise(t.db, '990');
}, 300_000);
afterAll(async () => t.close());

const share = (r: Record<string, number>, ...keys: string[]) => {
  const total = Object.values(r).reduce((a, b) => a + b, 0);
  return keys.reduce((a, k) => a + (r[k] ?? 0), 0) / total;
};

describe('planning is deterministic', () => {
  it('gives the same families and journeys for the same seed, and others for another', () => {
    const a = [0, 1, 2, 3].map((i) => plan({ seed: 5, today }, workers, '990', i, 10));
    const b = [0, 1, 2, 3].map((i) => plan({ seed: 5, today }, workers, '990', i, 10));
    const c = [0, 1, 2, 3].map((i) => plan({ seed: 6, today }, workers, '990', i, 10));
    const people = (x: typeof a) => x.flatMap((f) => f.family.members.map((m) => [m.id, m.input]));
    expect(people(a)).toEqual(people(b));
    expect(a.map((f) => [...f.plans.values()])).toEqual(b.map((f) => [...f.plans.values()]));
    expect(people(a)).not.toEqual(people(c));
  });

  it('gives brothers and sisters the same path into services', () => {
    for (let i = 0; i < 40; i++) {
      const f = plan({ seed: 3, today }, workers, '990', i, 10);
      const firsts = [...f.plans.values()].map((p) => p.find((a) => a.type === 'step')?.at);
      expect(new Set(firsts).size).toBeLessThanOrEqual(1);
    }
  });
});

describe('a generated LA of 500 children', () => {
  it('has the children asked for, and a neighbour', async () => {
    expect(s.children + s.unborn).toBe(500);
    expect((await summarise(t.db, '991')).children).toBeGreaterThan(0);
  });

  it('follows the national proportions, roughly', () => {
    expect(share(s.decisions, 'referral')).toBeGreaterThan(0.25);
    expect(share(s.decisions, 'referral')).toBeLessThan(0.55);
    expect(s.reReferralsWithin12Months / s.referrals).toBeGreaterThan(0.05);
    expect(s.reReferralsWithin12Months / s.referrals).toBeLessThan(0.4);
    expect(share(s.assessmentOutcomes, 'nfa')).toBeGreaterThan(0.15);
    expect(share(s.assessmentOutcomes, 'nfa')).toBeLessThan(0.5);
    expect(s.s47).toBeGreaterThan(0.1 * s.assessmentsCompleted);
    expect(share(s.cpPlans, 'NEG', 'EMO')).toBeGreaterThan(0.6);
    expect(share(s.visits, 'not-seen')).toBeLessThan(0.25);
    expect(Object.keys(s.closures)).toEqual(expect.arrayContaining(['RC7', 'RC8']));
  });

  it('keeps the rules of the journey', async () => {
    const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(t.db)).rows[0]!.n;
    // Nothing in the future (a timescale's event is dated when it was set, which is now), no child in need plan alongside a child protection plan, no closed
    // episode with an open plan or care, and RC8/RC9 only after an assessment.
    expect(
      await count(
        sql`select count(*) as n from journey_events where occurred_on > ${today}::date and kind <> 'timescale'`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from cin_plans c join cp_plans p on p.person_id = c.person_id
        where c.started_on < coalesce(p.ended_on, 'infinity') and p.started_on < coalesce(c.ended_on, 'infinity')`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from cin_episodes e where e.closed_on is not null and (
        exists (select 1 from cp_plans p where p.cin_episode_id = e.id and p.ended_on is null) or
        exists (select 1 from care_episodes c where c.cin_episode_id = e.id and c.ended_on is null))`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from cin_episodes e where e.closure_reason in ('RC8', 'RC9') and not exists (
        select 1 from assessments a where a.cin_episode_id = e.id and a.completed_on is not null)`),
    ).toBe(0);
  });

  it('gives people valid identifiers and fictional postcodes', async () => {
    const people = await t.db
      .selectFrom('people')
      .select(['nhs_number', 'upn'])
      .where('la_code', '=', '990')
      .execute();
    const nhs = people.map((p) => p.nhs_number).filter((n): n is string => n !== null);
    expect(nhs.length).toBeGreaterThan(people.length * 0.7);
    expect(nhs.every((n) => n.startsWith('999') && isValidNhsNumber(n))).toBe(true);
    expect(people.filter((p) => p.upn !== null).every((p) => isValidUpn(p.upn!))).toBe(true);
    const postcodes = await t.db
      .selectFrom('addresses')
      .select('postcode')
      .where('la_code', '=', '990')
      .execute();
    expect(
      postcodes.every((p) => normalisePostcode(p.postcode) === p.postcode && p.postcode.startsWith('YY')),
    ).toBe(true);
  });

  it('audits each person it creates, as the seed user', async () => {
    const { rows } = await sql<{ people: number; audited: number }>`
      select (select count(*) from people p join users u on u.id = p.created_by where u.email = 'seed@990.waypoint.example') as people,
        (select count(*) from audit_events a join users u on u.id = a.actor_user_id
          where u.email = 'seed@990.waypoint.example' and a.action = 'record.create' and a.reason like 'seed 11:%') as audited`.execute(
      t.db,
    );
    expect(rows[0]!.people).toBeGreaterThan(500);
    expect(rows[0]!.audited).toBe(rows[0]!.people);
  });

  it('writes corpus lines whose spans point at the stored text', async () => {
    expect(corpus.length).toBeGreaterThan(500);
    for (const l of corpus) for (const g of l.gold) expect(l.text.slice(g.start, g.end)).toBe(g.text);
    const types = new Set(corpus.flatMap((l) => l.gold.map((g) => g.type)));
    for (const type of ['PERSON', 'PLACE', 'ADDRESS', 'ORGANISATION', 'DATE', 'AGE'])
      expect(types).toContain(type);
    const note = corpus.find((l) => l.table === 'case_notes')!;
    const row = await t.db
      .selectFrom('case_notes')
      .select('body')
      .where('id', '=', note.id.split('/')[1]!)
      .executeTakeFirstOrThrow();
    expect(row.body).toBe(note.text);
    expect(note.cast.people.some((p) => p.role === 'child')).toBe(true);
  });

  it('leaves a generated LA alone when asked again', async () => {
    const again = await generateFictionalLas(t.db, { children: 500, seed: 11, today });
    expect(again.every((r) => r.skipped)).toBe(true);
  });
});
