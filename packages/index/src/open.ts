/** Opening the index: its database (migrated) and the in-process client over it. */
import { openIndexDatabase, type Engine, type IndexDatabase } from './db.ts';
import { LocalIndex, type MatchOptions } from './service.ts';
import type { CpisFlagIndex, IndexClient } from './types.ts';

export interface OpenedIndex {
  client: IndexClient & CpisFlagIndex;
  close(): Promise<void>;
}

/** What {@link openIndex} returns: also the database and the local index, for the server and tools. */
export interface OpenedLocalIndex extends OpenedIndex {
  client: LocalIndex;
  database: IndexDatabase;
  engine: Engine;
}

export type OpenIndexOptions = ({ dataDir: string } | { url: string }) & MatchOptions & { poolSize?: number };

/** Opens the index's own database (PGlite directory, or PostgreSQL URL), runs its migrations. */
export async function openIndex(opts: OpenIndexOptions): Promise<OpenedLocalIndex> {
  const where = 'url' in opts ? { url: opts.url } : { dataDir: opts.dataDir };
  const database = await openIndexDatabase(where, opts.poolSize);
  const client = new LocalIndex(database.db, {
    threshold: opts.threshold,
    gap: opts.gap,
    fieldModel: opts.fieldModel,
  });
  return {
    client,
    database,
    engine: database.engine,
    close: async () => {
      await client.close();
      await database.close();
    },
  };
}
