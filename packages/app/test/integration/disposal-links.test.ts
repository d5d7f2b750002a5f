/**
 * Disposal and what links to a record from other tables (triggers on people, as dispose_person
 * removes the row). Transfers between LAs (migrations 0040, 0041): the sending LA's record removed
 * takes its transfers, and the receiving LA's transfer-in conference stays without the link; the
 * receiving LA's record removed leaves the sending LA's transfer with only the day. The DfE feed
 * (0043): a request not yet accepted keeps no record of a child disposed of, only their purge.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChild, buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let sender: BuiltUser;
let receiver: BuiltUser;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  sender = await buildUser(db(), await buildLocalAuthority(db(), '961', 'Fictional Sending Borough'), [
    'team_manager',
  ]);
  receiver = await buildUser(db(), await buildLocalAuthority(db(), '962', 'Fictional Receiving Borough'), [
    'team_manager',
  ]);
});
afterAll(async () => database.close());

/** A child sent from 961 and accepted into 962, with the transfer-in conference held there. */
async function movedChild(): Promise<{
  sent: string;
  received: string;
  transfer: string;
  conference: string;
}> {
  const sent = await buildChild(db(), '961', { givenName: 'Moved', familyName: 'Away' });
  const received = await buildChild(db(), '962', { givenName: 'Moved', familyName: 'Away' });
  const transfer = await db()
    .insertInto('transfers')
    .values({
      la_code: '961',
      receiving_la_code: '962',
      person_id: sent,
      reason: 'Moved to live with family',
      requested_by: sender.id,
      status: 'accepted',
      decided_by: receiver.id,
      decided_at: new Date(),
      received_person_id: received,
      package: JSON.stringify({ fictional: true }),
      package_sha256: '0'.repeat(64),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const episode = await db()
    .insertInto('cin_episodes')
    .values({
      la_code: '962',
      person_id: received,
      referral_on: '2026-01-05',
      source: '5C',
      recorded_by: receiver.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const conference = await db()
    .insertInto('conferences')
    .values({
      la_code: '962',
      person_id: received,
      cin_episode_id: episode.id,
      kind: 'initial',
      held_on: '2026-01-20',
      decision: 'plan',
      category: 'NEG',
      reason: 'Transfer-in conference',
      recorded_by: receiver.id,
      transfer_id: transfer.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sent, received, transfer: transfer.id, conference: conference.id };
}

// The last statement of dispose_person (migration 0029), as the database owner.
const removePerson = (id: string) => sql`delete from people where id = ${id}`.execute(db());

describe('disposal after a transfer', () => {
  it('of the sending LA’s record takes its transfer; the receiving LA’s conference stays, unlinked', async () => {
    const c = await movedChild();
    await removePerson(c.sent);
    expect(await db().selectFrom('transfers').select('id').where('id', '=', c.transfer).execute()).toEqual(
      [],
    );
    const conference = await db()
      .selectFrom('conferences')
      .select(['kind', 'transfer_id'])
      .where('id', '=', c.conference)
      .executeTakeFirstOrThrow();
    expect(conference).toEqual({ kind: 'initial', transfer_id: null });
  });

  it('of the receiving LA’s record leaves the sending LA’s transfer with only the day', async () => {
    const c = await movedChild();
    await db().deleteFrom('conferences').where('id', '=', c.conference).execute();
    await db().deleteFrom('cin_episodes').where('person_id', '=', c.received).execute();
    await removePerson(c.received);
    const row = await db()
      .selectFrom('transfers')
      .select(['status', 'received_person_id', sql<boolean>`received_disposed_on is not null`.as('dated')])
      .where('id', '=', c.transfer)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'accepted', received_person_id: null, dated: true });
  });
});

describe('disposal and the DfE feed', () => {
  it('replaces the record of a child disposed of in a request not yet accepted by their purge', async () => {
    const gone = await buildChild(db(), '961', { givenName: 'Gone', familyName: 'Child' });
    await db().updateTable('people').set({ la_child_id: 'GONE123' }).where('id', '=', gone).execute();
    const push = await db()
      .insertInto('dfe_pushes')
      .values({ la_code: '961', trigger: 'command', status: 'sending', requests: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = (id: string) => ({
      la_child_id: id,
      child_details: { unique_pupil_number: 'A123456789012' },
    });
    const request = (no: number, status: 'rejected' | 'accepted') => ({
      la_code: '961',
      push_id: push.id,
      request_no: no,
      children: 2,
      body: status === 'accepted' ? null : JSON.stringify([record('KEPT1'), record('GONE123')]),
      changes: JSON.stringify([]),
      status,
    });
    await db()
      .insertInto('dfe_push_requests')
      .values([request(1, 'rejected'), request(2, 'accepted')])
      .execute();
    await removePerson(gone);
    const rows = await db()
      .selectFrom('dfe_push_requests')
      .select(['request_no', 'body'])
      .where('push_id', '=', push.id)
      .orderBy('request_no')
      .execute();
    expect(rows).toEqual([
      { request_no: 1, body: [record('KEPT1'), { la_child_id: 'GONE123', purge: true }] },
      { request_no: 2, body: null },
    ]);
  });
});
