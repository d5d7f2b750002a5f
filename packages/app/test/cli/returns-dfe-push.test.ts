/**
 * `waypoint returns dfe-push` as a real process on an embedded data directory: --dry-run writes one
 * validated JSON per request and a summary and sends nothing; without it the push is queued and
 * sent to a local receiver (a real HTTP server) with the LA's DfE key; a second push sends nothing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDfePayload } from '@waypoint/returns';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seal } from '../../src/la-settings/credentials.ts';
import { startDfeReceiver, type DfeReceiver } from '../support/dfe-receiver.ts';
import { buildChild, buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
const LA = '953';
const KEY = randomBytes(32).toString('hex');
let dir: string;
let out: string;
let officer: BuiltUser;
let receiver: DfeReceiver;

/** Runs the command without blocking this process (the receiver answers from it). */
function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stderr: string }> {
  const full: NodeJS.ProcessEnv = {
    ...process.env,
    WAYPOINT_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    WAYPOINT_SECRETS_KEY: KEY,
    ...env,
  };
  delete full.DATABASE_URL;
  if (env.DFE_API_URL === undefined) delete full.DFE_API_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'returns', 'dfe-push', ...args], { env: full });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      resolve({ status, stderr });
    });
  });
}

beforeAll(async () => {
  receiver = await startDfeReceiver();
  dir = mkdtempSync(join(tmpdir(), 'waypoint-dfe-cli-'));
  out = mkdtempSync(join(tmpdir(), 'waypoint-dfe-out-'));
  cpSync(inject('templateDataDir'), dir, { recursive: true });
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    await migrate(database.db);
    const db = database.db;
    const la = await buildLocalAuthority(db, LA);
    officer = await buildUser(db, la, ['performance_officer']);
    for (let i = 0; i < 120; i++) await buildChild(db, LA);
    await db
      .updateTable('people')
      .set({ sex: 'male', ethnicity: 'WBRI' })
      .where('la_code', '=', LA)
      .execute();
    await db
      .insertInto('la_credentials')
      .values({
        la_code: LA,
        name: 'dfe_api_key',
        sealed: seal(Buffer.from(KEY, 'hex'), `${LA}:dfe_api_key`, receiver.apiKey),
      })
      .execute();
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(async () => receiver.close());

describe('waypoint returns dfe-push', () => {
  it('--dry-run writes each request (valid) and a summary, and sends nothing', async () => {
    const r = await run(['--la', LA, '--as', officer.email, '--dry-run', '--out', join(out, 'dry')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/read 120 children \(audited as one read\)/);
    expect(r.stderr).toMatch(
      /wrote 2 requests .* 120 new, 0 changed, 0 deleted, 0 unchanged, 0 refused by the schema; nothing sent/,
    );
    expect(readdirSync(join(out, 'dry')).sort()).toEqual([
      'request-001.json',
      'request-002.json',
      'summary.json',
    ]);
    const first: unknown = JSON.parse(readFileSync(join(out, 'dry', 'request-001.json'), 'utf8'));
    expect(validateDfePayload(first)).toEqual([]);
    expect(first).toHaveLength(100);
    expect(JSON.parse(readFileSync(join(out, 'dry', 'summary.json'), 'utf8'))).toMatchObject({
      la: LA,
      dryRun: true,
      children: { new: 120, changed: 0, deleted: 0, unchanged: 0, refused: 0 },
      requests: [
        { file: 'request-001.json', children: 100 },
        { file: 'request-002.json', children: 20 },
      ],
    });
    expect(receiver.received).toEqual([]);
  }, 120_000);

  it('pushes: queued and sent in order with the DfE key, each receipt shown; then nothing to send', async () => {
    const r = await run(['--la', LA, '--as', officer.email], { DFE_API_URL: receiver.url });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /sending; 120 new, 0 changed, 0 deleted, 0 unchanged, 0 refused by the schema; 2 requests queued/,
    );
    expect(r.stderr).toMatch(/request 1 \(100 children\): accepted, HTTP 200, receipt [0-9a-f-]{36}/);
    expect(r.stderr).toMatch(/request 2 \(20 children\): accepted, HTTP 200/);
    expect(r.stderr).toMatch(/push sent/);
    expect(receiver.received.map((x) => [x.status, x.body.length, x.authorization])).toEqual([
      [200, 100, `Bearer ${receiver.apiKey}`],
      [200, 20, `Bearer ${receiver.apiKey}`],
    ]);
    const again = await run(['--la', LA, '--as', officer.email], { DFE_API_URL: receiver.url });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing to send; 0 new, 0 changed, 0 deleted, 120 unchanged/);
    expect(receiver.received).toHaveLength(2);
  }, 120_000);

  it('exits 2 with one line on bad input', async () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--la', LA, '--as', officer.email], {}, /DFE_API_URL is not set, so nothing can be sent/],
      [['--la', LA, '--as', officer.email, '--dry-run'], {}, /--dry-run needs --out DIR/],
      [
        ['--la', '95', '--as', officer.email, '--dry-run', '--out', join(out, 'x')],
        {},
        /--la must be a three-digit LA code/,
      ],
      [
        ['--la', LA, '--as', 'nobody@example.test', '--dry-run', '--out', join(out, 'x')],
        {},
        /no user nobody@example.test/,
      ],
    ];
    for (const [args, env, message] of cases) {
      const r = await run(args, env);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(out, 'x'))).toBe(false);
  }, 120_000);
});
