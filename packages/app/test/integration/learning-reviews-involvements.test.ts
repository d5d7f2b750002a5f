/**
 * The chronology shows the extent of other agencies' involvement: each agency's involvement with
 * the subject child during the review's period from the council's record (begun before the period
 * shown at its start, its end shown when it falls in the period; unlinked, erased and out-of-period
 * involvements left out), and other areas' agencies from the involvement index through a look-up
 * made with `review_read`, recorded on the child's timeline and audited. Someone not named on the
 * review gets not found and the index is never asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { indexPort, type Publication } from '../../src/involvement/index-port.ts';
import { buildFromRecords, readChronology } from '../../src/learning-reviews/chronology.ts';
import { buildOrganisation } from '../support/factories.ts';
import { buildReviewsWorld, type ReviewsWorld } from '../support/reviews-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestIndex, type TestIndex } from '../support/test-index.ts';

let t: TestApp;
let w: ReviewsWorld;
let id: string;
let index: TestIndex;

const published = (p: Partial<Publication> & { ref: string; laCode: string; name: string }): Publication => ({
  version: 1,
  organisation: { id: randomUUID(), name: p.name, kind: 'police' },
  service: 'Public protection',
  role: 'Detective constable',
  contact: { name: 'Pat Contact', phone: '01632960001', email: 'pat@example.org' },
  since: '2024-08-01',
  until: null,
  shielded: false,
  identity: {
    givenName: 'Jayden',
    familyName: 'Okafor',
    dateOfBirth: '2019-05-02',
    nhsNumber: null,
    postcode: null,
    sex: null,
  },
  ...p,
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await buildReviewsWorld(db);
  index = await createTestIndex();
  id = await w.openReview(w.children.child1, w.users.reviewer); // period 2024-06-01 to 2025-04-01
  const gp = await buildOrganisation(db, '901', 'gp_practice', 'Fictional Surgery');
  const school = await buildOrganisation(db, '901', 'school', 'Fictional Primary');
  const linked = {
    la_code: '901',
    person_id: w.children.child1,
    source: 'partner' as const,
    child_given_name: 'Jayden',
    child_family_name: 'Okafor',
    linked_at: new Date('2024-01-12T10:00:00Z'),
  };
  await db
    .insertInto('involvements')
    .values([
      // Begun before the period, ended in it.
      {
        ...linked,
        organisation_id: gp,
        role: 'GP',
        service: 'General practice',
        reason: 'health_need',
        started_on: '2024-01-10',
        ended_on: '2024-11-30',
      },
      // Begun in the period, still open.
      {
        ...linked,
        organisation_id: school,
        role: 'Designated safeguarding lead',
        service: 'Education',
        started_on: '2024-09-02',
      },
      // Erased: never shown.
      { ...linked, organisation_id: school, role: 'Erased', started_on: '2024-09-03', erased_at: new Date() },
      // Not linked by the front door: the partner's own record, not the council's.
      {
        ...linked,
        person_id: null,
        linked_at: null,
        organisation_id: gp,
        role: 'Unlinked',
        started_on: '2024-09-04',
      },
    ])
    .execute();
  await indexPort()!.publish(
    published({ ref: 'waypoint:902:involvement:a', laCode: '902', name: 'Neighbouring Police' }),
  );
  await indexPort()!.publish(
    published({ ref: 'waypoint:901:involvement:b', laCode: '901', name: 'This Area’s Own Publication' }),
  );
  await indexPort()!.publish(
    published({
      ref: 'waypoint:903:involvement:c',
      laCode: '903',
      name: 'Ended Before',
      since: '2022-01-01',
      until: '2023-12-01',
    }),
  );
  await indexPort()!.publish(
    published({
      ref: 'waypoint:904:involvement:d',
      laCode: '904',
      name: 'Shielded Refuge Service',
      shielded: true,
    }),
  );
  await indexPort()!.publish(
    published({
      ref: 'waypoint:905:involvement:e',
      laCode: '905',
      name: 'Far Away Trust',
      since: '2024-10-01',
      until: '2025-01-15',
    }),
  );
});
afterAll(async () => {
  await index.close();
  await t.close();
});

describe('other agencies’ involvement in the chronology', () => {
  it('is brought in from the record and the index, once, with each entry’s source', async () => {
    const reviewer = w.as(w.users.reviewer, ['safeguarding_reviewer']);
    expect(await buildFromRecords(reviewer, id)).toEqual({ fromRecord: 4, fromIndex: 3, index: 'answered' });
    expect(await buildFromRecords(reviewer, id)).toEqual({ fromRecord: 0, fromIndex: 0, index: 'answered' });
    const { entries } = await readChronology(reviewer, id);
    expect(entries.map((e) => [e.occurredOn, e.source, e.agency, e.title])).toEqual([
      [
        '2024-06-01',
        'involvement',
        'Fictional Surgery',
        'Jayden: Fictional Surgery already involved (General practice, GP), since 10 January 2024',
      ],
      [
        '2024-08-01',
        'index',
        'Neighbouring Police (area 902)',
        'Jayden: Neighbouring Police involved (Public protection, Detective constable)',
      ],
      [
        '2024-09-02',
        'involvement',
        'Fictional Primary',
        'Jayden: Fictional Primary involved (Education, Designated safeguarding lead)',
      ],
      [
        '2024-10-01',
        'index',
        'Far Away Trust (area 905)',
        'Jayden: Far Away Trust involved (Public protection, Detective constable)',
      ],
      [
        '2024-11-30',
        'involvement',
        'Fictional Surgery',
        'Jayden: Fictional Surgery’s involvement ended (General practice, GP)',
      ],
      [
        '2025-01-15',
        'index',
        'Far Away Trust (area 905)',
        'Jayden: Far Away Trust’s involvement ended (Public protection, Detective constable)',
      ],
      ['2025-02-10', 'journey', 'Children’s social care', expect.stringContaining('Jayden: ')],
    ]);
    expect(entries[0]!.detail).toBe(
      'Involved from 10 January 2024 until 30 November 2024.\nWhy: A health need.',
    );
    expect(entries.some((e) => /Pat Contact|01632960001/.test(`${e.title} ${e.detail}`))).toBe(false);
  });

  it('records the look-up on the child’s record and in the audit, as any look-up', async () => {
    const db = t.database.db;
    const lookups = await db
      .selectFrom('involvement_lookups')
      .selectAll()
      .where('person_id', '=', w.children.child1)
      .where('asked_by', '=', w.users.reviewer.id)
      .execute();
    expect(lookups.map((l) => [l.reason, l.outcome, l.agencies])).toEqual([
      ['other', 'answered', 4],
      ['other', 'answered', 4],
    ]);
    expect(lookups[0]!.reason_text).toContain('multi-agency chronology');
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'subject_person_id'])
      .where('actor_user_id', '=', w.users.reviewer.id)
      .where('action', '=', 'involvement.lookup')
      .execute();
    expect(audit).toEqual([
      { action: 'involvement.lookup', outcome: 'success', subject_person_id: w.children.child1 },
      { action: 'involvement.lookup', outcome: 'success', subject_person_id: w.children.child1 },
    ]);
    expect(await index.lookupCount()).toBe(2);
  });

  it('refuses someone not named on the review, without asking the index', async () => {
    const other = w.as(w.users.reviewer2, ['safeguarding_reviewer']);
    await expect(buildFromRecords(other, id)).rejects.toMatchObject({ id: 'not_found' });
    expect(await index.lookupCount()).toBe(2);
  });
});
