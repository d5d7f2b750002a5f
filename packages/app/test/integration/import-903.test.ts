/**
 * `waypoint import 903`: a council's SSDA903 CSV folder onto the children its CIN census import
 * brought in, through the journey's care steps, audited; a child not in the record is refused;
 * a second run skips every child; Waypoint's own 903 then gives the imported episodes back.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  build903,
  censusFromInput,
  generateInput,
  ssda903Csv,
  SSDA903_TABLES,
  writeCinXml,
  type Ssda903Table,
} from '@waypoint/returns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { loadActor } from '../../src/auth/load-actor.ts';
import { readCinFile } from '../../src/data-import/cin-file.ts';
import { ImportFileRefused } from '../../src/data-import/cin-file.ts';
import { plan903Import, read903Dir, write903Import } from '../../src/data-import/import-903.ts';
import { planCinImport } from '../../src/data-import/plan-cin.ts';
import { writeCinImport } from '../../src/data-import/write-cin.ts';
import { PersonRecords } from '../../src/records/person-records.ts';
import { build903Return } from '../../src/returns/build.ts';
import { readLaForReturns } from '../../src/returns/read-la.ts';
import { namedYear } from '../../src/returns/years.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '823';
const year = '2025-26';
let t: TestApp;
let officer: BuiltUser;
const db = () => t.database.db;
const dir = mkdtempSync(join(tmpdir(), 'waypoint-903-'));
// The looked-after children of a generated LA (the 903 is about them), with their CIN history.
const generated = generateInput({ children: 400, seed: 31, year, laCode: LA });
const input = {
  ...generated,
  children: generated.children.filter((c) => (c.lookedAfter ?? []).length > 0).slice(0, 10),
};
const tables = build903(input, year);

function writeDir(name: string, t903: typeof tables): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (const table of Object.keys(SSDA903_TABLES) as Ssda903Table[])
    writeFileSync(join(d, `${table.toLowerCase()}.csv`), ssda903Csv(table, t903[table] as never));
  return d;
}

beforeAll(async () => {
  t = await createTestApp();
  officer = await buildUser(db(), await buildLocalAuthority(db(), LA), ['performance_officer']);
  const cin = join(dir, 'cin.xml');
  writeFileSync(cin, writeCinXml(censusFromInput(input, year, '2026-04-01T09:00:00'), year));
  const { census } = await readCinFile(cin);
  const a = await actor();
  await writeCinImport(db(), a, census, await planCinImport(db(), a, census), year);
});
afterAll(async () => t.close());

async function actor() {
  const a = await loadActor(db(), officer.id, { via: 'cli', actingLaCode: LA });
  if (a === null) throw new Error('no actor');
  return a;
}
async function run(folder: string) {
  const children = read903Dir(folder);
  const a = await actor();
  return write903Import(db(), a, children, await plan903Import(db(), a, children));
}

describe('import 903', () => {
  it('refuses a folder without the Header and Episodes tables', () => {
    const d = join(dir, 'partial');
    mkdirSync(d);
    writeFileSync(join(d, 'reviews.csv'), ssda903Csv('Reviews', tables.Reviews));
    expect(() => read903Dir(d)).toThrow(ImportFileRefused);
  });

  it("adds each child's care to their record through the care steps, audited, and the 903 built from Waypoint gives it back", async () => {
    expect(tables.Header.length).toBeGreaterThan(2);
    const folder = writeDir('903', tables);
    const res = await run(folder);
    const why = res.children
      .filter((c) => c.outcome === 'refused')
      .map((c) => `${c.laChildId}: ${c.reasons.join(' ')}`);
    // The generator's care does not always sit inside a CIN episode of the census, as Waypoint's
    // journey needs: those children are refused with the care step's own words, nothing written.
    expect(res.counts.added, why.join('\n')).toBeGreaterThanOrEqual(2);
    for (const w of why)
      expect(w).toMatch(
        /care-start on .*: |care-change on .*: |care-end on .*: |care-review on .*: |missing on .*: |import the CIN census first/,
      );
    expect(res.counts.created).toBe(0);
    const added = res.children.filter((c) => c.outcome === 'added');
    const care = await db()
      .selectFrom('care_episodes')
      .select([
        'person_id',
        'started_on',
        'legal_status',
        'placement_type',
        'ended_on',
        'reason_end',
        'recorded_by',
      ])
      .where('la_code', '=', LA)
      .orderBy('started_on')
      .execute();
    expect(new Set(care.map((c) => c.person_id))).toEqual(new Set(added.map((c) => c.personId)));
    expect(care.every((c) => c.recorded_by === officer.id)).toBe(true);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['actor_user_id', 'reason'])
      .where('subject_person_id', '=', added[0]!.personId!)
      .where('action', '=', 'record.update')
      .execute();
    expect(audit.map((a) => a.actor_user_id)).toEqual([officer.id]);
    expect(audit[0]!.reason).toContain('SSDA903 import');
    expect((await verifyAuditChain(db())).firstBreak).toBeNull();

    // Waypoint's own 903 of the year: the same episodes (dates, legal status, placement, ending) for each child imported.
    const records = new PersonRecords(db(), await actor(), { ip: null, requestId: '903' });
    const read = await readLaForReturns(records, `903 ${year}`, namedYear(year).referenceDate);
    const ours = build903Return(read.input, namedYear(year));
    const csv = ours.files.find((f) => f.name === 'Episodes.csv')!.csv;
    const key = (r: Record<string, string>) => [r.CHILD, r.DECOM, r.LS, r.PLACE, r.DEC, r.REC].join('|');
    const imported = new Set(added.map((c) => c.laChildId));
    const theirs = tables.Episodes.filter((e) => imported.has(e.CHILD))
      .map((e) => key(e as never))
      .sort();
    const rows = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => {
        const v = l.split(',');
        return Object.fromEntries(SSDA903_TABLES.Episodes.map((c, i) => [c, v[i] ?? '']));
      });
    expect(
      rows
        .filter((r) => imported.has(r.CHILD!))
        .map(key)
        .sort(),
    ).toEqual(theirs);
  });

  it('skips every child on a second run, and refuses a child not in the record', async () => {
    const before = (await db().selectFrom('care_episodes').select('id').where('la_code', '=', LA).execute())
      .length;
    const again = await run(join(dir, '903'));
    expect(again.counts.added).toBe(0);
    expect(again.counts.skipped).toBeGreaterThan(0);
    expect(
      (await db().selectFrom('care_episodes').select('id').where('la_code', '=', LA).execute()).length,
    ).toBe(before);
    const stranger = { ...tables.Header[0]!, CHILD: 'NOTHERE1', UPN: '' };
    const eps = tables.Episodes.filter((e) => e.CHILD === tables.Header[0]!.CHILD).map((e) => ({
      ...e,
      CHILD: 'NOTHERE1',
    }));
    const res = await run(
      writeDir('stranger', { ...tables, Header: [stranger], Episodes: eps, Reviews: [], Missing: [] }),
    );
    expect(res.children[0]).toMatchObject({ outcome: 'refused' });
    expect(res.children[0]!.reasons[0]).toContain('import the CIN census first');
  });
});
