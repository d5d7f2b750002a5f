/**
 * `waypoint index serve`: the involvement index's own HTTP server (`@waypoint/index`
 * `buildIndexServer`) over its own database: PostgreSQL with `--url`, else PGlite in `--data-dir`
 * (default `<WAYPOINT_DATA_DIR>/index`, which `waypoint serve` then must not open at the same time:
 * point the app at this server with WAYPOINT_INDEX_URL). It never sees the linkage secret.
 */
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { loadIndexLibrary } from '../involvement/open-index.ts';
import { exitOnKnownError } from './context.ts';

export async function indexServeCommand(opts: {
  url?: string;
  dataDir?: string;
  port: string;
  host: string;
}): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    exitOnKnownError(err);
  }
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('waypoint index serve: --port must be a whole number from 0 to 65535\n');
    process.exit(1);
  }
  const lib = await loadIndexLibrary();
  if (lib === null) {
    process.stderr.write('waypoint index serve: @waypoint/index is not installed\n');
    process.exit(1);
  }
  const where =
    opts.url !== undefined ? { url: opts.url } : { dataDir: opts.dataDir ?? join(config.dataDir, 'index') };
  const index = await lib.openIndex(where);
  const server = await lib.buildIndexServer(index, { logLevel: config.logLevel });
  const address = await server.listen({ port, host: opts.host });
  process.stdout.write(`  The involvement index is running at ${address}\n  Press Ctrl+C to stop.\n`);
  const stop = () => {
    void server
      .close()
      .then(() => index.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
