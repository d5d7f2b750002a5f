/** `waypoint users list --json` and `waypoint users token` as real processes on an embedded data directory. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { exchangeClientCredentials } from '../../src/auth/clients.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildLocalAuthority, buildOrganisation, buildUser, type BuiltUser } from '../support/factories.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
let dir: string;
let worker: BuiltUser;
let officer: BuiltUser;

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WAYPOINT_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return env;
}

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'users', ...args], { env: cliEnv(), encoding: 'utf8' });
}

/** Runs the command without blocking, so several can run at once. */
function runAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [bin, 'users', ...args], { env: cliEnv() });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    proc.on('close', (status) => {
      resolve({ status, stdout, stderr });
    }),
  );
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waypoint-users-cli-'));
  if (process.env.DATABASE_URL === undefined) cpSync(inject('templateDataDir'), dir, { recursive: true });
  await withDb(async (db) => {
    await migrate(db);
    const la = await buildLocalAuthority(db, '811', 'CLI Borough');
    worker = await buildUser(db, la, ['social_worker', 'team_manager'], { name: 'Casey Worker' });
    const police = await buildOrganisation(db, '811', 'police', 'CLI Police');
    officer = await buildUser(db, la, ['partner_practitioner'], {
      name: 'Olu Officer',
      organisationId: police,
    });
    await db.updateTable('users').set({ active: false }).where('id', '=', officer.id).execute();
  });
});

describe('waypoint users list --json', () => {
  it('prints every user with email, name, comma-joined roles, organisation, LA code and active', () => {
    const r = run('list', '--json');
    expect(r.status).toBe(0);
    const users = JSON.parse(r.stdout) as unknown[];
    expect(users).toEqual(
      [
        {
          email: worker.email,
          name: 'Casey Worker',
          role: 'social_worker,team_manager',
          organisation: "CLI Borough Children's Services",
          laCode: '811',
          active: true,
        },
        {
          email: officer.email,
          name: 'Olu Officer',
          role: 'partner_practitioner',
          organisation: 'CLI Police',
          laCode: '811',
          active: false,
        },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
  });
});

describe('waypoint users token', () => {
  it('prints a personal access token that expires when asked, and audits it', async () => {
    const r = run('token', '--email', worker.email.toUpperCase(), '--expires', '2h');
    expect(r.status).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^wpt_[\w-]{40,}$/);
    const row = await withDb((db) =>
      db
        .selectFrom('api_tokens')
        .select(['id', 'expires_at', 'scopes', 'kind'])
        .where('user_id', '=', worker.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row.kind).toBe('personal');
    expect(row.scopes).toEqual(['children:read']);
    const hours = (row.expires_at!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    const audit = await withDb((db) =>
      db
        .selectFrom('audit_events')
        .select(['action', 'actor_user_id', 'la_code'])
        .where('record_id', '=', row.id)
        .execute(),
    );
    expect(audit).toEqual([{ action: 'auth.token_issue', actor_user_id: worker.id, la_code: '811' }]);
  });

  it('exits 2 with a one-line message for an unknown email, a bad duration and a bad scope', async () => {
    const cases: [string[], RegExp][] = [
      [['--email', 'nobody@example.test'], /no user with email "nobody@example.test"/],
      [['--email', worker.email, '--expires', 'soon'], /--expires must be a duration like 30m, 1h or 7d/],
      [['--email', worker.email, '--scope', 'everything'], /unknown scope "everything"/],
    ];
    // Bad durations and scopes are refused before the database is opened, so these can run together.
    const results = await Promise.all(cases.map(([args]) => runAsync('token', ...args)));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('users client registers a partner system whose credentials get a token', async () => {
    const r = run(
      'client',
      '--email',
      worker.email,
      '--name',
      'Test case system',
      '--scope',
      'children:read',
    );
    expect(r.status).toBe(0);
    const id = /client_id=(\S+)/.exec(r.stdout)![1]!;
    const secret = /client_secret=(\S+)/.exec(r.stdout)![1]!;
    const grant = await withDb((db) =>
      exchangeClientCredentials(db, 'test', id, secret, null, { ip: null, requestId: 'test' }),
    );
    expect(grant).toMatchObject({ ok: true, scopes: ['children:read'] });
  });
});
