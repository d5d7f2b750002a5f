/**
 * `waypoint-index`: serve the involvement index, and register its API clients.
 *
 *   waypoint-index serve (--url postgres://… | --data-dir DIR) [--port N] [--host H]
 *   waypoint-index clients add (--url … | --data-dir …) --organisation ORGID [--organisation …] --name NAME
 */
import { parseArgs } from 'node:util';
import { IndexInputError } from './types.ts';
// The database, the server and the clients load when a command needs them, so --help is quick.

const HELP = `waypoint-index: the national involvement index (keyed encodings only, no plaintext identity)

Usage:
  waypoint-index serve (--url URL | --data-dir DIR) [--port N] [--host HOST] [--log-level LEVEL]
      Serve the index's HTTP API (OpenAPI at /openapi.json). Defaults: port 4300, host 127.0.0.1.
      The database is PostgreSQL at URL (also WAYPOINT_INDEX_DATABASE_URL), or PGlite in DIR.
  waypoint-index clients add (--url URL | --data-dir DIR) --organisation ORGID [--organisation ORGID …] --name NAME
      Register an API client for one or more organisations; prints its id and secret once.
  waypoint-index --help
`;

class UsageError extends Error {}

function where(v: { url?: string; 'data-dir'?: string }): { url: string } | { dataDir: string } {
  const url = v.url ?? process.env.WAYPOINT_INDEX_DATABASE_URL;
  if (url !== undefined && v['data-dir'] !== undefined)
    throw new UsageError('give --url or --data-dir, not both');
  if (url !== undefined) return { url };
  if (v['data-dir'] !== undefined) return { dataDir: v['data-dir'] };
  throw new UsageError('give --url postgres://… or --data-dir DIR');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      organisation: { type: 'string', multiple: true },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help === true ? 0 : 2;
  }
  const [cmd, sub] = positionals;
  if (cmd === 'serve') {
    const port = Number(values.port ?? '4300');
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port must be 0 to 65535');
    const { openIndex } = await import('./open.ts');
    const { buildIndexServer } = await import('./server.ts');
    const index = await openIndex(where(values));
    const app = await buildIndexServer(index, { logLevel: values['log-level'] ?? 'info' });
    const address = await app.listen({ port, host: values.host ?? '127.0.0.1' });
    process.stderr.write(`waypoint-index: serving on ${address} (${index.engine})\n`);
    const stop = (): void => {
      void app.close().then(() => index.close());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  }
  if (cmd === 'clients' && sub === 'add') {
    if (values.name === undefined) throw new UsageError('--name is required');
    if (values.organisation === undefined) throw new UsageError('--organisation is required');
    const { openIndex } = await import('./open.ts');
    const { addClient } = await import('./clients.ts');
    const index = await openIndex(where(values));
    try {
      const c = await addClient(index.database.db, { name: values.name, organisations: values.organisation });
      process.stdout.write(
        `client id:     ${c.clientId}\nclient secret: ${c.clientSecret}\n(the secret is shown once; only its hash is kept)\n`,
      );
    } finally {
      await index.close();
    }
    return 0;
  }
  throw new UsageError(`unknown command: ${positionals.join(' ')}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (
      err instanceof UsageError ||
      err instanceof IndexInputError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(
        `waypoint-index: ${(err as Error).message}\n${err instanceof UsageError ? 'See waypoint-index --help\n' : ''}`,
      );
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`waypoint-index: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
