/**
 * Statements that name themselves (`-- prepared: NAME`, db/database.ts) are sent as named prepared
 * statements on each engine, so the journey state (planning it costs far more than running it) is
 * planned once per connection; other statements stay unnamed. PGlite, and PostgreSQL when
 * DATABASE_URL is set.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, type Tx } from '../../src/db/tenant.ts';
import { loadJourneyState } from '../../src/journey/state.ts';
import { buildChild, buildLocalAuthority } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let childId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await buildLocalAuthority(database.db, '933', 'Prepared Borough');
  childId = await buildChild(database.db, '933', { dateOfBirth: '2015-05-05' });
});
afterAll(async () => {
  await database.close();
});

/** The named statements prepared on this transaction's connection. */
const preparedOn = async (tx: Tx) =>
  (await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(tx)).rows.map(
    (r) => r.name,
  );

describe('named prepared statements', () => {
  it('prepares the journey state once per connection (each variant under its own name) and reads the same state', async () => {
    await inTenant(database.db, '933', async (tx) => {
      const first = await loadJourneyState(tx, childId);
      const again = await loadJourneyState(tx, childId);
      const withAgencies = await loadJourneyState(tx, childId, { agencies: true });
      expect(again).toEqual(first);
      expect(first).toMatchObject({
        personId: childId,
        kind: 'child',
        dateOfBirth: '2015-05-05',
        openEpisode: null,
      });
      expect(withAgencies.agencies).toEqual([]);
      expect(await preparedOn(tx)).toEqual(
        expect.arrayContaining(['journey_state', 'journey_state_agencies']),
      );
    });
  });

  it('sends a marked statement with its values under its name, and an unmarked one unnamed', async () => {
    await inTenant(database.db, '933', async (tx) => {
      const marked = (n: number) =>
        sql<{ n: number }>`-- prepared: prepared_test_double
          select ${n}::int * 2 as n`.execute(tx);
      expect((await marked(4)).rows).toEqual([{ n: 8 }]);
      expect((await marked(21)).rows).toEqual([{ n: 42 }]);
      await sql`select 1 as unmarked`.execute(tx);
      const names = await preparedOn(tx);
      expect(names).toContain('prepared_test_double');
      expect(names.filter((n) => !n.startsWith('journey_state') && n !== 'prepared_test_double')).toEqual([]);
    });
  });
});
