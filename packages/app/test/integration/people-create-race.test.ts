/**
 * Two concurrent `POST /children` for the same new person: one is created, the other is answered
 * with the first as a possible duplicate (advisory locks on the candidate keys). Meaningful on
 * PostgreSQL, where the two requests run on two connections at once; PGlite runs one transaction
 * at a time, and the same answers must hold there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';
import { candidateLockKeys } from '../../src/people/duplicates.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;

async function createAtOnce(people: Record<string, unknown>[]) {
  const tokens = [await bearer(db(), w.users.workerA), await bearer(db(), w.users.workerB)];
  return Promise.all(
    people.map((person, i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/children',
        headers: { authorization: tokens[i % 2]! },
        payload: { person },
      }),
    ),
  );
}

const named = async (familyName: string) =>
  (await db().selectFrom('people').select('id').where('family_name', '=', familyName).execute()).length;

describe('concurrent creates of one new person', () => {
  it('creates one and answers the other with it as a possible duplicate', async () => {
    for (let round = 0; round < 5; round++) {
      const familyName = ['Quillfeather', 'Brantwood', 'Ellerby', 'Marchetti', 'Holloway'][round]!;
      const person = {
        kind: 'child',
        givenName: ['Tobias', 'Wren', 'Isla', 'Omar', 'Priya'][round]!,
        familyName,
        dateOfBirth: `201${round}-09-1${round}`,
      };
      const answers = await createAtOnce([person, person]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const created = answers.find((r) => r.statusCode === 201)!.json<{ id: string }>().id;
      const refused = answers.find((r) => r.statusCode === 409)!;
      expect(
        refused
          .json<{ error: { data: { candidates: { id: string }[] } } }>()
          .error.data.candidates.map((c) => c.id),
      ).toContain(created);
      expect(await named(familyName)).toBe(1);
    }
  });

  it('holds for the same person spelt differently, and for eight requests at once', async () => {
    const answers = await createAtOnce(
      ['Tobias', 'Tobyas', 'Tobias', 'Toby', 'Tobias', 'Tobias', 'Tobias', 'Tobias'].map((givenName) => ({
        kind: 'child',
        givenName,
        familyName: 'Racewell',
        dateOfBirth: '2018-02-03',
      })),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(7);
    expect(await named('Racewell')).toBe(1);
  });

  it('does not hold up people who cannot be the same (different keys)', () => {
    const a = candidateLockKeys('901', {
      kind: 'child',
      familyName: "O'Brien",
      dateOfBirth: '2017-01-01',
    });
    const b = candidateLockKeys('901', {
      kind: 'child',
      familyName: 'obrien',
      dateOfBirth: '2016-01-01',
    });
    const c = candidateLockKeys('902', {
      kind: 'child',
      familyName: "O'Brien",
      dateOfBirth: '2017-01-01',
    });
    expect(a.filter((k) => b.includes(k))).toEqual(['person:901:family:obrien']);
    expect(a.filter((k) => c.includes(k))).toEqual([]);
  });
});
