/**
 * The real involvement index (`@waypoint/index`) for the app's integration tests, on the engine
 * under test: PGlite in a temporary directory, or (DATABASE_URL set) a new PostgreSQL database
 * beside the app's, created for the file and dropped after. The app's port is set to it through
 * the same adapter `waypoint serve` uses, so encodings, matching, shielding, versions and notices
 * are the index's own. Tests read what it holds through its database (`rows`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIndex, type OpenedLocalIndex } from '@waypoint/index';
import pg from 'pg';
import { indexAdapter } from '../../src/involvement/index-adapter.ts';
import { setIndexPort } from '../../src/involvement/index-port.ts';

/** A fictional linkage secret for tests (32 bytes). */
export const TEST_LINKAGE_SECRET = new TextEncoder().encode('waypoint app tests: fictional 32');

export interface TestIndex {
  index: OpenedLocalIndex;
  /** The publication the index holds for an involvement (by the end of its ref), if any. */
  publication(involvementId: string): Promise<
    | {
        ref: string;
        version: number;
        service: string | null;
        until: string | null;
        shielded: boolean;
        withdrawn: boolean;
        organisation_name: string | null;
      }
    | undefined
  >;
  /** How many look-ups the index has answered. */
  lookupCount(): Promise<number>;
  /** The hits of the index's latest look-up: which publishers' records it touched, disclosed or not. */
  lastLookupHits(): Promise<{ organisation_id: string; ref: string; disclosed: boolean }[]>;
  /** Unsets the app's port and removes the index's database. */
  close(): Promise<void>;
}

let counter = 0;

/** Opens a fresh index on the engine under test and points the app at it. */
export async function createTestIndex(): Promise<TestIndex> {
  const url = process.env.DATABASE_URL;
  let index: OpenedLocalIndex;
  let dispose: () => Promise<void>;
  if (url === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'waypoint-app-index-'));
    index = await openIndex({ dataDir: dir });
    dispose = async () => {
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `waypoint_index_apptest_${process.pid}_${++counter}`;
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const run = async (statement: string) => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(statement);
      } finally {
        await c.end();
      }
    };
    await run(`create database ${name}`);
    const own = new URL(url);
    own.pathname = `/${name}`;
    index = await openIndex({ url: own.toString(), poolSize: 4 });
    dispose = () => run(`drop database if exists ${name} with (force)`);
  }
  setIndexPort(indexAdapter(index.client, TEST_LINKAGE_SECRET));
  const db = index.database.db;
  return {
    index,
    publication: (involvementId) =>
      db
        .selectFrom('publications')
        .select(['ref', 'version', 'service', 'until', 'shielded', 'withdrawn', 'organisation_name'])
        .where('ref', 'like', `%:involvement:${involvementId}`)
        .executeTakeFirst(),
    lookupCount: async () =>
      Number(
        (
          await db
            .selectFrom('lookups')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    lastLookupHits: async () => {
      const last = await db
        .selectFrom('lookups')
        .select('id')
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last === undefined) return [];
      return db
        .selectFrom('lookup_hits')
        .select(['organisation_id', 'ref', 'disclosed'])
        .where('lookup_id', '=', last.id)
        .execute();
    },
    close: async () => {
      setIndexPort(null);
      await index.close();
      await dispose();
    },
  };
}
