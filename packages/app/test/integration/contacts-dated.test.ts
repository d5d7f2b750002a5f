/**
 * Every contact is dated (migration 0011): the demo's screening child, seeded with its contact,
 * answers its journey on the API and the page; contacts recorded without a date before the
 * migration take the day they were recorded, in England; a contact without a date cannot be written.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/db/migrate.ts';
import { today } from '../../src/http/forms/dates.ts';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { DEMO_CHILDREN, seedDemoChildren } from '../../src/seed/demo-children.ts';
import { bearer, sessionCookie, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let frontDoor: BuiltUser;
beforeAll(async () => {
  t = await createTestApp();
  const demo = await seedDemoAccounts(t.database.db);
  await seedDemoChildren(t.database.db, demo);
  const email = DEMO_ACCOUNTS.find((a) => a.role === 'front_door')!.email;
  frontDoor = {
    id: demo.userIds[email]!,
    email,
    laCode: '990',
    organisationId: demo.organisationIds.council,
  };
});
afterAll(async () => t.close());
const db = () => t.database.db;

describe('the demo’s screening child', () => {
  const id = DEMO_CHILDREN.screening.id;

  it('answers its journey on the API, with the contact dated', async () => {
    const res = await t.app.inject({
      url: `/api/v1/children/${id}/journey`,
      headers: { authorization: await bearer(db(), frontDoor) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { events } = res.json<{ events: { type: string; date: string }[] }>();
    expect(events.filter((e) => e.type === 'contact')).toEqual([
      expect.objectContaining({ type: 'contact', date: today() }),
    ]);
  });

  it('shows its journey page, screening since the contact', async () => {
    const res = await t.app.inject({
      url: `/children/${id}`,
      headers: { cookie: await sessionCookie(db(), frontDoor) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Contact being screened since');
  });
});

describe('migration 0011', () => {
  const migration = readMigrations().find((m) => m.name === '0011-contacts-dated.sql')!;

  it('dates a contact recorded without one by the day it was recorded, in England, then requires the date', async () => {
    const person = DEMO_CHILDREN.allocated.id;
    await db()
      .transaction()
      .execute(async (tx) => {
        // As before the migration: the column allowed no date.
        await sql`alter table contacts alter column received_on drop not null`.execute(tx);
        const { id } = await tx
          .insertInto('contacts')
          .values({
            la_code: '990',
            person_id: person,
            received_on: null as unknown as string,
            created_at: new Date('2025-06-30T23:30:00Z'), // 1 July in England (BST)
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await sql.raw(migration.sql).execute(tx);
        const row = await tx
          .selectFrom('contacts')
          .select('received_on')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.received_on).toBe('2025-07-01');
        await tx.deleteFrom('contacts').where('id', '=', id).execute();
      });
  });

  it('leaves no contact without a date, and refuses one', async () => {
    await expect(
      db()
        .insertInto('contacts')
        .values({
          la_code: '990',
          person_id: DEMO_CHILDREN.allocated.id,
          received_on: null as unknown as string,
        })
        .execute(),
    ).rejects.toThrow(/null value in column "received_on"/);
  });
});
