/**
 * Case-note titles are free text: a partner practitioner, who may see the child's journey but not
 * read case notes, sees that a case note was written, never its title or its words (page and API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTitle } from '../../src/journey/timeline.ts';
import { bearer, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
const title = 'Mum says Dad hit Jayden on Friday';
const body = 'Fictional: the words of the note itself.';

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  await t.database.db
    .insertInto('involvements')
    .values({
      la_code: '901',
      person_id: w.children.child1,
      organisation_id: w.police,
      user_id: w.users.partner.id,
      role: 'Police officer',
      started_on: '2024-01-01',
    })
    .execute();
  const note = await t.app.inject({
    method: 'POST',
    url: `/api/v1/children/${w.children.child1}/journey/note`,
    headers: { authorization: await bearer(t.database.db, w.users.workerA) },
    payload: { notedOn: '2026-01-05', title, body },
  });
  expect(note.statusCode, note.body).toBe(201);
});
afterAll(async () => t.close());

describe('a case note on the journey', () => {
  it('shows a partner practitioner "Case note" on the page, without its title or words', async () => {
    const res = await t.app.inject({
      url: `/children/${w.children.child1}`,
      headers: { cookie: await sessionCookie(t.database.db, w.users.partner) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Case note');
    expect(res.body).not.toContain('Mum says Dad hit');
    expect(res.body).not.toContain('the words of the note itself');
  });

  it('gives a partner practitioner the event on the API without its title or words', async () => {
    const res = await t.app.inject({
      url: `/api/v1/children/${w.children.child1}/journey`,
      headers: { authorization: await bearer(t.database.db, w.users.partner, ['children:read']) },
    });
    expect(res.statusCode).toBe(200);
    const notes = res
      .json<{ events: { type: string; title: string; text: string | null }[] }>()
      .events.filter((e) => e.type === 'note');
    expect(notes).toEqual([expect.objectContaining({ title: 'Case note', text: null })]);
    expect(res.body).not.toContain('Mum says Dad hit');
  });

  it('shows the allocated worker the title and the words', async () => {
    const res = await t.app.inject({
      url: `/api/v1/children/${w.children.child1}/journey`,
      headers: { authorization: await bearer(t.database.db, w.users.workerA, ['children:read']) },
    });
    const notes = res
      .json<{ events: { type: string; title: string; text: string | null }[] }>()
      .events.filter((e) => e.type === 'note');
    expect(notes).toEqual([expect.objectContaining({ title: `Case note: ${title}`, text: body })]);
  });

  it('withholds a document’s file name the same way', () => {
    expect(eventTitle('document', null, 'court-report-jayden.pdf', false)).toBe('Document added');
    expect(eventTitle('document', null, 'court-report-jayden.pdf', true)).toBe(
      'Document added: court-report-jayden.pdf',
    );
    expect(eventTitle('visit', 'seen', null, false)).toBe('Visit: child seen');
  });
});
