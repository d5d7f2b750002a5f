/**
 * The census look-up (`peopleByCensusIdentifiers`: the import's plan, each child's write, the
 * 903's match) reads the LA's people by index on the LA child ID and the UPN (migration 0053), not
 * every person of the LA. PGlite, and PostgreSQL when DATABASE_URL is set.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { peopleByCensusIdentifiers } from '../../src/people/by-census-id.ts';
import { buildLocalAuthority } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await buildLocalAuthority(database.db, '934', 'Census Borough');
});
afterAll(async () => {
  await database.close();
});

it('finds a census child by LA child ID or UPN through their indexes', async () => {
  await sql`insert into people (la_code, kind, given_name, family_name, date_of_birth, la_child_id, upn)
    select '934', 'child', 'Not known', '(CIN ' || g || ')', date '2015-01-01' + g % 2000, 'WP' || lpad(g::text, 7, '0'),
      case when g % 2 = 0 then 'A934' || lpad(g::text, 9, '0') end
    from generate_series(1, 500) g`.execute(database.db);
  // With the LA's people counted, the planner chooses by cost, as on a real LA.
  await sql`analyze people`.execute(database.db);
  await inTenant(database.db, '934', async (tx) => {
    // The look-up's own statement, as sent, explained on the same connection with its values.
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    let plan = '';
    proto.query = function (this: unknown, ...args: unknown[]) {
      const [text, values] = args;
      if (typeof text === 'string' && text.startsWith('select "id", "la_child_id"'))
        return (async () => {
          const explained = (await original.call(this, `explain ${text}`, values)) as {
            rows: { 'QUERY PLAN': string }[];
          };
          plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
          return original.apply(this, args);
        })();
      return original.apply(this, args);
    };
    try {
      // Seq scans off: the small table's cheapest plan otherwise; the question is which index can serve.
      await sql`set local enable_seqscan = off`.execute(tx);
      const found = await peopleByCensusIdentifiers(tx, '934', {
        laChildId: 'WP0000007',
        upn: 'A934000000010',
        birthDate: '2015-01-08',
      });
      expect(found).toHaveLength(1);
    } finally {
      proto.query = original;
    }
    expect(plan).toContain('people_la_child_id');
    expect(plan).toContain('people_upn');
  });
});
