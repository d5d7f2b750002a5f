/** `waypoint returns cin|903|annex-a` as real processes on an embedded data directory. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { allocate, buildLocalAuthority, buildTeam, buildUser, type BuiltUser } from '../support/factories.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
const LA = '953';
let dir: string;
let out: string;
let officer: BuiltUser;
let worker: BuiltUser;

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, WAYPOINT_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [bin, 'returns', ...args], { env, encoding: 'utf8' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waypoint-returns-cli-'));
  out = mkdtempSync(join(tmpdir(), 'waypoint-returns-out-'));
  cpSync(inject('templateDataDir'), dir, { recursive: true });
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    await migrate(database.db);
    const db = database.db;
    const la = await buildLocalAuthority(db, LA);
    const team = await buildTeam(db, la);
    worker = await buildUser(db, la, ['social_worker'], { teamId: team });
    officer = await buildUser(db, la, ['performance_officer']);
    const { id } = await db
      .insertInto('people')
      .values({
        la_code: LA,
        kind: 'child',
        given_name: 'C',
        family_name: 'L',
        date_of_birth: '2015-01-01',
        sex: 'male',
        ethnicity: 'WBRI',
        disabilities: ['NONE'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await allocate(db, LA, id, team, worker.id);
    await db
      .insertInto('cin_episodes')
      .values({
        la_code: LA,
        person_id: id,
        referral_on: '2025-06-01',
        source: '2A',
        primary_need: 'N1',
        recorded_by: worker.id,
      })
      .execute();
  } finally {
    await database.close();
  }
}, 60_000);

describe('waypoint returns', () => {
  it('builds the CIN census, its report, the 903 files and Annex A, with progress on stderr', () => {
    const cin = run(
      'cin',
      '--la',
      LA,
      '--year',
      '2025-26',
      '--as',
      officer.email,
      '--out',
      join(out, 'cin.xml'),
      '--report',
      join(out, 'r.json'),
    );
    expect(cin.status, cin.stderr).toBe(0);
    expect(cin.stderr).toMatch(/read 1 children \(audited as one read\)/);
    expect(cin.stderr).toMatch(/XSD valid/);
    expect(readFileSync(join(out, 'cin.xml'), 'utf8')).toContain(
      '<CINreferralDate>2025-06-01</CINreferralDate>',
    );
    expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'))).toMatchObject({
      year: '2025-26',
      children: 1,
    });
    const s903 = run(
      '903',
      '--la',
      LA,
      '--year',
      '2025-26',
      '--as',
      officer.email,
      '--out-dir',
      join(out, '903'),
    );
    expect(s903.status, s903.stderr).toBe(0);
    expect(readdirSync(join(out, '903')).sort()).toContain('Header.csv');
    const annex = run(
      'annex-a',
      '--la',
      LA,
      '--inspection-date',
      '2025-10-01',
      '--as',
      officer.email,
      '--out',
      join(out, 'a.xlsx'),
    );
    expect(annex.status, annex.stderr).toBe(0);
    expect(readFileSync(join(out, 'a.xlsx')).subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  it('exits 2 with one line on bad input, and writes nothing', () => {
    const cases: [string[], RegExp][] = [
      [
        ['cin', '--la', LA, '--year', '2027-28', '--as', officer.email, '--out', join(out, 'x.xml')],
        /--year must be one of 2023-24, 2024-25, 2025-26, not 2027-28/,
      ],
      [
        ['cin', '--la', '99', '--year', '2025-26', '--as', officer.email, '--out', join(out, 'x.xml')],
        /--la must be a three-digit LA code/,
      ],
      [
        ['cin', '--la', LA, '--year', '2025-26', '--as', worker.email, '--out', join(out, 'x.xml')],
        /may not build returns/,
      ],
      [
        ['cin', '--la', LA, '--year', '2025-26', '--as', 'nobody@example.test', '--out', join(out, 'x.xml')],
        /no user nobody@example.test/,
      ],
      [
        ['cin', '--la', '954', '--year', '2025-26', '--as', officer.email, '--out', join(out, 'x.xml')],
        /works for LA 953, not 954/,
      ],
      [
        ['cin', '--la', LA, '--year', '2025-26', '--as', officer.email, '--out', join(out, 'no/such/x.xml')],
        /does not exist/,
      ],
      [
        [
          'annex-a',
          '--la',
          LA,
          '--inspection-date',
          '2026-02-30',
          '--as',
          officer.email,
          '--out',
          join(out, 'x.xlsx'),
        ],
        /must be a real date/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(out, 'x.xml'))).toBe(false);
    expect(existsSync(join(out, 'x.xlsx'))).toBe(false);
  }, 120_000);
});
