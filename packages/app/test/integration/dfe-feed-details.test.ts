/**
 * What the DfE daily feed sends of a child's personal details, on the engine under test, against
 * the local receiver: a named child's names (and a section 47's end date) from the record, valid
 * against the schema; a change of name makes the child changed in the day's push; a restricted
 * record's names are never sent, and a record restricted after its names were sent has its
 * personal details purged at the DfE (`child_details.purge`) before the details are sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laChildIdOf } from '../../src/returns/adapter.ts';
import { buildDfeFeedWorld, type DfeFeedWorld } from '../support/dfe-feed.ts';
import { buildChild } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '955';
let t: TestApp;
let w: DfeFeedWorld;
let named: string;
let refuge: string;
const db = () => t.database.db;
const idOf = (id: string) => laChildIdOf({ id, la_child_id: null });
const sentFor = (id: string, from: number) =>
  w.receiver.received
    .slice(from)
    .flatMap((r) => r.body.filter((c) => c.la_child_id === idOf(id)).map((c) => [r.status, c] as const));

beforeAll(async () => {
  t = await createTestApp();
  w = await buildDfeFeedWorld(t, LA, 2);
  named = await buildChild(db(), LA, {
    givenName: 'Ottoline',
    familyName: 'Quenby',
    dateOfBirth: '2016-02-02',
  });
  refuge = await buildChild(db(), LA, {
    givenName: 'Perpetua',
    familyName: 'Harrowgate',
    dateOfBirth: '2017-03-03',
    isRestricted: true,
  });
  await db()
    .updateTable('people')
    .set({ sex: 'male', ethnicity: 'WBRI' })
    .where('id', 'in', [named, refuge])
    .execute();
});
afterAll(async () => {
  await w.close();
  await t.close();
});

describe('the DfE feed sends what the record holds of a child', () => {
  it("sends a named child's names; never a restricted record's", async () => {
    const planned = await w.push();
    expect(planned.counts.new).toBe(4);
    expect(
      sentFor(named, 0).map(([s, c]) => [s, c.child_details?.first_name, c.child_details?.surname]),
    ).toEqual([[200, 'Ottoline', 'Quenby']]);
    expect(sentFor(refuge, 0).map(([, c]) => c.child_details)).toEqual([
      { date_of_birth: '2017-03-03', sex: 'M', ethnicity: 'WBRI' },
    ]);
    expect(JSON.stringify(w.receiver.received)).not.toContain('Harrowgate');
  });

  it('a change of name makes the child changed in the day’s push', async () => {
    const before = w.receiver.received.length;
    await db().updateTable('people').set({ family_name: 'Quenby-Marsh' }).where('id', '=', named).execute();
    const planned = await w.push();
    expect(planned.counts).toEqual({ new: 0, changed: 1, deleted: 0 });
    expect(sentFor(named, before).map(([s, c]) => [s, c.child_details?.surname])).toEqual([
      [200, 'Quenby-Marsh'],
    ]);
  });

  it('a record restricted after its names were sent: its personal details purged first, then sent without names', async () => {
    const before = w.receiver.received.length;
    await db().updateTable('people').set({ is_restricted: true }).where('id', '=', named).execute();
    const planned = await w.push();
    expect(planned.counts).toEqual({ new: 0, changed: 1, deleted: 0 });
    expect(w.receiver.received.slice(before).map((r) => [r.status, r.body])).toEqual([
      [200, [{ la_child_id: idOf(named), child_details: { purge: true } }]],
      [
        200,
        [
          {
            la_child_id: idOf(named),
            child_details: { date_of_birth: '2016-02-02', sex: 'M', ethnicity: 'WBRI' },
          },
        ],
      ],
    ]);
    const requests = await w.requestsOf(planned.pushId);
    expect(requests.map((r) => [r.status, r.changes.map((c) => c.kind)])).toEqual([
      ['accepted', ['details-purge']],
      ['accepted', ['changed']],
    ]);
    expect((await w.push()).status).toBe('nothing to send');
  });
});
