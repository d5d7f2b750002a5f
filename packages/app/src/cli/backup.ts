/**
 * `waypoint backup` and `waypoint restore` (backup/README.md). Progress goes to stderr (one line
 * rewritten on a terminal), the result to stdout; a refusal is one line and exit 1.
 */
import { resolve } from 'node:path';
import { terminalProgress } from '@waypoint/index';
import { ConfigError, loadConfig } from '../config.ts';
import { exitOnKnownError } from './context.ts';

function config() {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) exitOnKnownError(err);
    throw err;
  }
}

export async function backupCommand(opts: { out: string; keysOut?: string }): Promise<void> {
  const out = resolve(opts.out);
  const keysOut = resolve(opts.keysOut ?? `${opts.out}.keys`);
  if (keysOut === out) {
    process.stderr.write(
      'waypoint: --keys-out must be another file from --out: the keys are kept apart from the data.\n',
    );
    process.exit(1);
  }
  const { createBackup } = await import('../backup/backup.ts');
  try {
    const { manifest, rows } = await createBackup(config(), { out, keysOut, progress: terminalProgress() });
    process.stdout.write(
      [
        `Backup written: ${out}`,
        `  ${rows.toLocaleString('en-GB')} rows in ${manifest.sections.length} tables (app${manifest.index === null ? '' : ' and involvement index'}), migration ${manifest.app.migrations.at(-1)?.version ?? 0}, id ${manifest.backupId}`,
        `Keys written: ${keysOut} (${manifest.keys.map((k) => `${k.name} ${k.fingerprint}`).join(', ') || 'no keys yet'})`,
        '  Store the key file apart from the backup (another place, another person): a restore needs both.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    exitOnKnownError(err);
  }
}

export async function restoreCommand(opts: { in: string; keys?: string; force?: boolean }): Promise<void> {
  const { restoreBackup } = await import('../backup/restore.ts');
  try {
    const result = await restoreBackup(config(), {
      input: resolve(opts.in),
      keys: opts.keys === undefined ? undefined : resolve(opts.keys),
      force: opts.force === true,
      progress: terminalProgress(),
    });
    const { verifyAuditChain } = await import('../audit/verify.ts');
    const { openDatabase } = await import('../db/database.ts');
    const c = config();
    const database = await openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir, poolSize: 1 });
    const audit = await verifyAuditChain(database.db);
    await database.close();
    process.stdout.write(
      [
        `Restored ${result.rows.toLocaleString('en-GB')} rows from ${opts.in} (backup ${result.manifest.backupId}, made ${result.manifest.createdAt}), and the keys (${result.manifest.keys.map((k) => k.name).join(', ') || 'none'}).`,
        ...(result.migrated.length > 0 ? [`Then applied ${result.migrated.length} newer migration(s).`] : []),
        audit.breaks.length === 0
          ? `Audit chain intact: ${audit.events} events in ${audit.tenants} tenant(s).`
          : `Audit chain BROKEN: ${audit.breaks.length} break(s); run waypoint audit verify.`,
        '',
      ].join('\n'),
    );
    if (audit.breaks.length > 0) process.exitCode = 3;
  } catch (err) {
    exitOnKnownError(err);
  }
}
