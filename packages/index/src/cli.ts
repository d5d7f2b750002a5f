/**
 * `waypoint-index`: serve the involvement index, register its API clients, back it up and restore it.
 *
 *   waypoint-index serve (--url postgres://… | --data-dir DIR) [--port N] [--host H]
 *   waypoint-index clients add (--url … | --data-dir …) --organisation ORGID [--organisation …] --name NAME
 *   waypoint-index backup (--url … | --data-dir …) --out FILE [--keys-out KEYFILE]
 *   waypoint-index restore (--url … | --data-dir …) --in FILE --keys KEYFILE [--force]
 */
import { resolve } from 'node:path';
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
  waypoint-index backup (--url URL | --data-dir DIR) --out FILE [--keys-out KEYFILE]
      Back up the index's database, encrypted with a fresh key written only to KEYFILE (default
      FILE.keys): store the key file apart from the backup; a restore needs both.
  waypoint-index restore (--url URL | --data-dir DIR) --in FILE --keys KEYFILE [--force]
      Restore a backup into an empty index (--force replaces what it holds); refused, with
      nothing written, without the backup's key file or when the backup is damaged.
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
      out: { type: 'string' },
      'keys-out': { type: 'string' },
      in: { type: 'string' },
      keys: { type: 'string' },
      force: { type: 'boolean' },
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
  if (cmd === 'backup') {
    if (values.out === undefined) throw new UsageError('--out FILE is required');
    const out = resolve(values.out);
    const keysOut = resolve(values['keys-out'] ?? `${values.out}.keys`);
    if (keysOut === out)
      throw new UsageError('--keys-out must be another file from --out: the key is kept apart from the data');
    const { createIndexBackup } = await import('./backup/index-backup.ts');
    const { terminalProgress } = await import('./backup/database-dump.ts');
    const { manifest, rows } = await createIndexBackup(where(values), {
      out,
      keysOut,
      progress: terminalProgress(),
    });
    process.stdout.write(
      [
        `Backup written: ${out}`,
        `  ${rows.toLocaleString('en-GB')} rows in ${manifest.sections.length} tables, migration ${manifest.index.migrations.at(-1)?.version ?? 0}, id ${manifest.backupId}, encrypted (AES-256-GCM)`,
        `Key written: ${keysOut}`,
        '  Store the key file apart from the backup (another place, another person): a restore needs both.',
        '',
      ].join('\n'),
    );
    return 0;
  }
  if (cmd === 'restore') {
    if (values.in === undefined) throw new UsageError('--in FILE is required');
    const { restoreIndexBackup } = await import('./backup/index-backup.ts');
    const { terminalProgress } = await import('./backup/database-dump.ts');
    const result = await restoreIndexBackup(where(values), {
      input: resolve(values.in),
      keys: values.keys === undefined ? undefined : resolve(values.keys),
      force: values.force === true,
      progress: terminalProgress(),
    });
    process.stdout.write(
      `Restored ${result.rows.toLocaleString('en-GB')} rows into the involvement index (${result.engine}) from ${values.in} (backup ${result.manifest.backupId}, made ${result.manifest.createdAt}).\n`,
    );
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
    // A refused backup or restore (BackupError), or another error: one line, exit 1.
    process.stderr.write(`waypoint-index: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
