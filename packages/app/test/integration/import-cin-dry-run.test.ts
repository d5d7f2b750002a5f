/** The CIN census import's dry run: schema refusal, match by the duplicate check, refusals with reasons. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { censusFromInput, generateInput, writeCinXml } from '@waypoint/returns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/auth/load-actor.ts';
import { ImportFileRefused, readCinFile } from '../../src/data-import/cin-file.ts';
import { planCinImport } from '../../src/data-import/plan-cin.ts';
import { importReportHtml } from '../../src/data-import/report-html.ts';
import { buildChild, buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: BuiltUser;
const dir = mkdtempSync(join(tmpdir(), 'waypoint-import-'));
const year = '2025-26';
const census = censusFromInput(
  generateInput({ children: 12, seed: 7, year, laCode: '825' }),
  year,
  '2026-04-01T09:00:00',
);
const xml = writeCinXml(census, year);
const good = join(dir, 'cin.xml');
writeFileSync(good, xml);

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(t.database.db, '825');
  officer = await buildUser(t.database.db, la, ['performance_officer']);
});
afterAll(async () => t.close());

async function actor() {
  const a = await loadActor(t.database.db, officer.id, { via: 'cli', actingLaCode: '825' });
  if (a === null) throw new Error('no actor');
  return a;
}

describe('the file', () => {
  it('is refused whole when it fails the schema, naming the error', async () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, xml.replace(/<Sex>[^<]*<\/Sex>/, '<Sex>Q</Sex>'));
    await expect(readCinFile(bad)).rejects.toThrow(ImportFileRefused);
    await expect(readCinFile(bad)).rejects.toThrow(/fails the 2025-26 CIN census schema/);
  });

  it('is read when it passes', async () => {
    const { census: read, collectionYear } = await readCinFile(good);
    expect(collectionYear).toBe(year);
    expect(read.children.length).toBe(census.children.length);
  });
});

describe('the plan', () => {
  it('matches a child already in Waypoint by LA child ID and date of birth, refuses a look-alike, and writes nothing', async () => {
    const { census: read } = await readCinFile(good);
    const [known, lookalike] = read.children.filter((c) => c.birthDate);
    const existing = await buildChild(t.database.db, '825', { dateOfBirth: known!.birthDate! });
    await t.database.db
      .updateTable('people')
      .set({ la_child_id: known!.laChildId })
      .where('id', '=', existing)
      .execute();
    // Same date of birth and sex as another child in the file, and nothing else to go on.
    const other = await buildChild(t.database.db, '825', { dateOfBirth: lookalike!.birthDate! });
    await t.database.db
      .updateTable('people')
      .set({ sex: lookalike!.sex === 'F' ? 'female' : lookalike!.sex === 'M' ? 'male' : 'unknown' })
      .where('id', '=', other)
      .execute();
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('people')
            .select(t.database.db.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const plan = await planCinImport(t.database.db, await actor(), read);
    const row = plan.children.find((c) => c.laChildId === known!.laChildId)!;
    expect(row).toMatchObject({ outcome: 'match', matchedPersonId: existing });
    expect(row.reasons[0]).toContain('LA child ID and date of birth agree');
    const look = plan.children.find((c) => c.laChildId === lookalike!.laChildId)!;
    expect(look.outcome).toBe('refuse');
    expect(look.reasons[0]).toContain('settle by hand');
    expect(plan.counts.create).toBeGreaterThan(0);
    expect(plan.counts.create + plan.counts.match + plan.counts.refuse).toBe(read.children.length);
    expect(await count()).toBe(before);
    const html = importReportHtml(plan, 'cin.xml');
    expect(html).toContain(`${plan.counts.match} matched to existing records`);
    expect(html).toContain(known!.laChildId);
  });

  it('refuses a child with no date of birth, a false NHS number, or a second child with one NHS number', async () => {
    const { census: read } = await readCinFile(good);
    const [a, b, c] = read.children
      .filter((k) => k.birthDate)
      .map((k, i) => ({
        ...k,
        laChildId: `X${i}`,
        nhsNumber: ['9434765919', '9434765870', '9434765862'][i % 3],
      }));
    const edited = {
      ...read,
      children: [
        { ...a!, birthDate: null, expectedBirthDate: null },
        { ...b!, nhsNumber: '1234567890' },
        { ...c!, laChildId: 'FIRST' },
        { ...c!, laChildId: 'SECOND' },
      ],
    };
    const plan = await planCinImport(t.database.db, await actor(), edited);
    expect(plan.children.map((k) => k.outcome)).toEqual([
      'refuse',
      'refuse',
      plan.children[2]!.outcome,
      'refuse',
    ]);
    expect(plan.children[0]!.reasons).toContain('No date of birth or expected date of birth');
    expect(plan.children[1]!.reasons[0]).toContain('is not a real NHS number');
    expect(plan.children[3]!.reasons.join(' ')).toContain('Same NHS number as child FIRST');
  });
});
