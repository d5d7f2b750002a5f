/**
 * The family page lists each relative once, however the relationship was recorded (the seed and
 * the pages record parents both ways round), and finds brothers and sisters through a shared
 * parent even when nobody linked them to each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelationshipType } from '../../src/db/schema.ts';
import { allocate, buildChild, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let jayden: string, grace: string, tom: string, amara: string, kofi: string, hidden: string;
const db = () => t.database.db;

async function relate(from: string, to: string, type: RelationshipType, pr = false) {
  await db()
    .insertInto('person_relationships')
    .values({
      la_code: '901',
      person_id: from,
      related_person_id: to,
      type,
      parental_responsibility: pr,
      lives_with: true,
      recorded_by: w.users.workerA.id,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(db());
  jayden = w.children.child1;
  grace = await buildChild(db(), '901', {
    givenName: 'Grace',
    familyName: 'Okafor',
    dateOfBirth: '1990-04-02',
  });
  tom = await buildChild(db(), '901', { givenName: 'Tom', familyName: 'Okafor', dateOfBirth: '1988-07-12' });
  amara = await buildChild(db(), '901', {
    givenName: 'Amara',
    familyName: 'Okafor',
    dateOfBirth: '2018-01-09',
  });
  kofi = await buildChild(db(), '901', {
    givenName: 'Kofi',
    familyName: 'Okafor',
    dateOfBirth: '2017-05-05',
  });
  hidden = await buildChild(db(), '901', {
    givenName: 'Hidden',
    familyName: 'Okafor',
    dateOfBirth: '2019-09-09',
    isRestricted: true,
    restrictedRoles: ['team_manager'],
  });
  for (const p of [grace, tom, amara, kofi])
    await allocate(db(), '901', p, w.teams.teamA, w.users.workerA.id);
  // Jayden's parents, both ways round, as the seed records them.
  await relate(jayden, grace, 'mother', true);
  await relate(grace, jayden, 'child');
  await relate(jayden, tom, 'father', true);
  await relate(tom, jayden, 'child');
  // Kofi has both parents (recorded on his side only); Amara only Grace (on Grace's side only);
  // a restricted child of Grace's. None of them is linked to Jayden.
  await relate(kofi, grace, 'mother', true);
  await relate(kofi, tom, 'father', true);
  await relate(grace, amara, 'child');
  await relate(grace, hidden, 'child');
});
afterAll(async () => t.close());

async function familyOf(id: string) {
  const cookie = await sessionCookie(db(), w.users.workerA);
  const res = await t.app.inject({ url: `/children/${id}/family`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  const table = /<tbody[\s\S]*?<\/tbody>/.exec(res.body)?.[0] ?? '';
  return [...table.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => {
    const cells = [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/\(\d+ years?\)/, '')
        .trim(),
    );
    return cells.slice(0, 4).join(' | ');
  });
}

describe('the family page', () => {
  it('lists each parent once and the brothers and sisters found through them', async () => {
    expect(await familyOf(jayden)).toEqual([
      'Grace Okafor | Mother | Yes | Yes',
      'Tom Okafor | Father | Yes | Yes',
      'Kofi Okafor | Brother or sister Through a shared parent | No | Not recorded',
      'Amara Okafor | Half-brother or half-sister Through a shared parent | No | Not recorded',
      'Restricted record | Half-brother or half-sister Through a shared parent | No | Not recorded',
    ]);
  });

  it('shows a relationship recorded only on the relative’s side the right way round', async () => {
    expect(await familyOf(grace)).toEqual([
      'Jayden Okafor | Child | No | Yes',
      'Amara Okafor | Child | No | Yes',
      'Restricted record | Child | No | Yes',
      'Kofi Okafor | Child | No | Yes',
    ]);
    expect(await familyOf(amara)).toEqual([
      'Grace Okafor | Parent | No | Yes',
      'Jayden Okafor | Half-brother or half-sister Through a shared parent | No | Not recorded',
      'Kofi Okafor | Half-brother or half-sister Through a shared parent | No | Not recorded',
      'Restricted record | Brother or sister Through a shared parent | No | Not recorded',
    ]);
  });
});
