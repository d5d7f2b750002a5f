/**
 * The round trip: a CIN census built from Waypoint (the returns capability's build, as a
 * performance officer), imported into an empty Waypoint LA with `waypoint import cin`'s write,
 * builds the same census again, child for child.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { censusFromInput, generateInput, parseCinXml, writeCinXml } from '@waypoint/returns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/auth/load-actor.ts';
import { readCinFile } from '../../src/data-import/cin-file.ts';
import { planCinImport } from '../../src/data-import/plan-cin.ts';
import { writeCinImport } from '../../src/data-import/write-cin.ts';
import { PersonRecords } from '../../src/records/person-records.ts';
import { buildCinReturn } from '../../src/returns/build.ts';
import { readLaForReturns } from '../../src/returns/read-la.ts';
import { namedYear } from '../../src/returns/years.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const year = '2025-26';
const FROM = '821';
const TO = '822';
let t: TestApp;
const officers = new Map<string, BuiltUser>();
const db = () => t.database.db;
const dir = mkdtempSync(join(tmpdir(), 'waypoint-round-trip-'));

beforeAll(async () => {
  t = await createTestApp();
  for (const la of [FROM, TO])
    officers.set(la, await buildUser(db(), await buildLocalAuthority(db(), la), ['performance_officer']));
});
afterAll(async () => t.close());

async function actor(la: string) {
  const a = await loadActor(db(), officers.get(la)!.id, { via: 'cli', actingLaCode: la });
  if (a === null) throw new Error('no actor');
  return a;
}

/** The census of `la` built from its record, as its performance officer, written to a file. */
async function buildFrom(la: string): Promise<string> {
  const records = new PersonRecords(db(), await actor(la), { ip: null, requestId: 'round-trip' });
  const read = await readLaForReturns(records, `cin ${year}`, namedYear(year).referenceDate);
  const built = await buildCinReturn(read.input, namedYear(year));
  expect(built.xsd.errors).toEqual([]);
  const file = join(dir, `cin-${la}.xml`);
  writeFileSync(file, built.xml);
  return file;
}

async function importInto(la: string, file: string) {
  const { census } = await readCinFile(file);
  const a = await actor(la);
  return writeCinImport(db(), a, census, await planCinImport(db(), a, census), year);
}

const childrenOf = (file: string) =>
  [...parseCinXml(readFileSync(file, 'utf8')).children].sort((a, b) =>
    a.laChildId.localeCompare(b.laChildId),
  );

describe('round trip', () => {
  it('a census built from Waypoint, imported into an empty LA, builds the same census', async () => {
    // Waypoint's record of the first LA, written through the journey from a generated history.
    const source = censusFromInput(
      generateInput({ children: 12, seed: 23, year, laCode: FROM }),
      year,
      '2026-04-01T09:00:00',
    );
    const src = join(dir, 'generated.xml');
    writeFileSync(src, writeCinXml(source, year));
    const first = await importInto(FROM, src);
    expect(first.counts.created).toBeGreaterThan(6);

    const built = await buildFrom(FROM);
    // Something worth comparing: plans, conferences and closures, not only referrals.
    const episodes = childrenOf(built).flatMap((c) => c.cinEpisodes);
    expect(
      episodes.some((e) => (e.childProtectionPlans ?? []).some((p) => (p.reviews ?? []).length > 0)),
    ).toBe(true);
    expect(episodes.some((e) => (e.assessments ?? []).length > 0 && e.closureDate)).toBe(true);
    const again = await importInto(TO, built);
    expect(again.counts).toEqual({ created: childrenOf(built).length, added: 0, skipped: 0, refused: 0 });
    const rebuilt = await buildFrom(TO);
    expect(childrenOf(rebuilt)).toEqual(childrenOf(built));
    expect(childrenOf(rebuilt).length).toBe(first.counts.created);
  });
});
