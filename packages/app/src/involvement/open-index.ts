/**
 * Opens the involvement index for `waypoint serve` and sets the port the app publishes to and
 * looks up in (and CP-IS's flags port, `cpis/flag-index.ts`): in-process on its own PGlite directory `<WAYPOINT_DATA_DIR>/index/` (the embedded
 * default, so the demo works with one command), or over HTTP with `WAYPOINT_INDEX_URL` and its
 * client credentials. The linkage secret stays in the app (`linkage-secret.ts`).
 *
 * `@waypoint/index` is loaded when a command opens it (a literal import, so the command's build
 * bundles the workspace's TypeScript; an import by a name in a variable is left to Node, which
 * cannot load .ts and stopped `waypoint serve`). A process without it runs with no index
 * (publishing waits and retries, a look-up says the index cannot be reached).
 */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { indexAdapter } from './index-adapter.ts';
import type { IndexClient } from './index-contract.ts';
import { setIndexPort } from './index-port.ts';
import { cpisFlagAdapter, setFlagIndexPort } from '../cpis/flag-index.ts';
import type { CpisFlagIndex } from '@waypoint/index';
import type { Kysely } from 'kysely';
import { checkedLinkageSecret } from '../backup/installation-keys.ts';
import type { Schema } from '../db/schema.ts';

/** What the app uses of `@waypoint/index` (the contract's library API). */
export interface IndexLibrary {
  openIndex(
    opts: { dataDir: string } | { url: string },
  ): Promise<{ client: IndexClient & CpisFlagIndex; close(): Promise<void> }>;
  httpIndexClient(opts: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
  }): IndexClient & CpisFlagIndex;
  buildIndexServer(
    index: { client: IndexClient; close(): Promise<void> },
    opts?: { logLevel?: string },
  ): Promise<{ listen(o: { port: number; host: string }): Promise<string>; close(): Promise<unknown> }>;
}

/** The index library, or null when it is not installed. */
export async function loadIndexLibrary(): Promise<IndexLibrary | null> {
  try {
    return await import('@waypoint/index');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw err;
  }
}

export interface OpenedInvolvementIndex {
  /** Where the index is, for the start-up message. */
  where: string;
  close(): Promise<void>;
}

/**
 * Opens the index the configuration names and sets the app's port to it; null without the library.
 * The linkage secret is the one the app database recorded (a missing or different key is refused).
 * @throws KeyMismatchError (backup/installation-keys.ts)
 */
export async function openInvolvementIndex(
  config: Pick<Config, 'dataDir' | 'index' | 'linkageSecret' | 'secretsKey'>,
  db: Kysely<Schema>,
): Promise<OpenedInvolvementIndex | null> {
  const lib = await loadIndexLibrary();
  if (lib === null) return null;
  const secret = await checkedLinkageSecret(db, config);
  if (config.index !== undefined) {
    const client = lib.httpIndexClient({
      baseUrl: config.index.url,
      clientId: config.index.clientId,
      clientSecret: config.index.clientSecret,
    });
    setIndexPort(indexAdapter(client, secret));
    setFlagIndexPort(cpisFlagAdapter(client, secret));
    return {
      where: `over HTTP at ${new URL(config.index.url).origin}`,
      close: async () => {
        setIndexPort(null);
        setFlagIndexPort(null);
      },
    };
  }
  const dataDir = join(config.dataDir, 'index');
  const opened = await lib.openIndex({ dataDir });
  setIndexPort(indexAdapter(opened.client, secret));
  setFlagIndexPort(cpisFlagAdapter(opened.client, secret));
  return {
    where: `in-process, PGlite in ${dataDir}`,
    close: async () => {
      setIndexPort(null);
      setFlagIndexPort(null);
      await opened.close();
    },
  };
}
