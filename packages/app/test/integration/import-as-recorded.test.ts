/**
 * What a council's real census and 903 hold that a worker recording today could not, imported as
 * the files record it with a finding, never refused (data-import/README.md, "As the file records
 * it"): a child protection plan carried over from before the census year (its conference and
 * enquiry no longer in the file), a plan starting days after its conference, an unborn child
 * judged against the census date, pre-birth work, and care with no CIN episode around it. Files
 * built here. The journey's rules for workers are unchanged: journey-steps.test.ts,
 * input-dates.test.ts and http/forms/dates.test.ts still hold them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  build903,
  censusFromInput,
  ssda903Csv,
  SSDA903_TABLES,
  type Child,
  type LookedAfterEpisode,
  type Ssda903Table,
} from '@waypoint/returns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/auth/load-actor.ts';
import { plan903Import, read903Dir, write903Import } from '../../src/data-import/import-903.ts';
import { planCinImport } from '../../src/data-import/plan-cin.ts';
import { importResultHtml } from '../../src/data-import/report-html.ts';
import { writeCinImport, type ImportResult, type WrittenChild } from '../../src/data-import/write-cin.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '823';
const year = '2025-26';
let t: TestApp;
let officer: BuiltUser;
const db = () => t.database.db;

const child = (id: string, c: Partial<Child>): Child => ({
  laChildId: id,
  upnUnknown: 'UN1',
  sex: 'F',
  ethnicity: 'WBRI',
  disabilities: ['NONE'],
  birthDate: '2014-01-01',
  cinEpisodes: [],
  ...c,
});
const referral = (on: string) => ({
  referralDate: on,
  referralSource: '1A',
  primaryNeedCode: 'N1',
  referralNfa: false,
});
const care = (startDate: string, more: Partial<LookedAfterEpisode> = {}): LookedAfterEpisode => ({
  startDate,
  reasonNewEpisode: 'S',
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placement: 'U1',
  placementProvider: 'PR1',
  homePostcode: 'LS1 4AP',
  placementPostcode: 'M1 1AE',
  urn: 'XXXXXXX',
  ...more,
});

const children: Child[] = [
  // A plan from December 2024: its enquiry and conference were before the 2025-26 year, so the census drops them.
  child('CARRIED1', {
    cinEpisodes: [
      {
        ...referral('2024-11-01'),
        section47s: [{ startDate: '2024-11-10', dateOfInitialCpc: '2024-12-01', icpcNotRequired: false }],
        childProtectionPlans: [
          {
            startDate: '2024-12-01',
            initialCategory: 'NEG',
            latestCategory: 'NEG',
            numberOfPreviousCpps: 1,
            reviews: ['2025-06-01'],
          },
        ],
      },
    ],
  }),
  // The conference on 20 May, the plan it decided from 22 May.
  child('LATER1', {
    cinEpisodes: [
      {
        ...referral('2025-05-01'),
        section47s: [
          {
            startDate: '2025-05-05',
            dateOfInitialCpc: '2025-05-20',
            icpcNotRequired: false,
            icpcResultedInPlan: true,
          },
        ],
        childProtectionPlans: [
          { startDate: '2025-05-22', initialCategory: 'PHY', latestCategory: 'PHY', numberOfPreviousCpps: 1 },
        ],
      },
    ],
  }),
  // Due a month after the census date (now passed, no birth in the file); and one due before the census date.
  child('UNBORN1', {
    birthDate: null,
    expectedBirthDate: '2026-04-30',
    cinEpisodes: [referral('2026-02-01')],
  }),
  child('UNBORN2', {
    birthDate: null,
    expectedBirthDate: '2026-03-01',
    cinEpisodes: [referral('2026-01-05')],
  }),
  // Referred four months before the birth; and one fourteen months before it.
  child('PREBIRTH1', { birthDate: '2025-12-01', cinEpisodes: [referral('2025-08-01')] }),
  child('PREBIRTH2', { birthDate: '2025-12-01', cinEpisodes: [referral('2024-10-01')] }),
  // Looked after from June 2025; the census's episode is from a referral in October.
  child('EXTEND1', {
    birthDate: '2015-05-05',
    cinEpisodes: [referral('2025-10-01')],
    lookedAfter: [care('2025-06-01')],
  }),
  // An episode closed in May 2025; then looked after from July to December with no episode in the census.
  child('OPEN1', {
    birthDate: '2012-03-03',
    cinEpisodes: [
      {
        ...referral('2025-04-10'),
        assessments: [{ startDate: '2025-04-11', authorisationDate: '2025-05-01', factors: ['21'] }],
        closureDate: '2025-05-20',
        closureReason: 'RC8',
      },
    ],
    lookedAfter: [care('2025-07-01', { endDate: '2025-12-01', reasonEnded: 'E8' })],
  }),
];
const input = { laCode: LA, children };
const census = censusFromInput(input, year, '2026-04-01T09:00:00');
let cin: Map<string, WrittenChild>;
let cinResult: ImportResult;
let cinPlan: Awaited<ReturnType<typeof planCinImport>>;

async function actor() {
  const a = await loadActor(db(), officer.id, { via: 'cli', actingLaCode: LA });
  if (a === null) throw new Error('no actor');
  return a;
}
async function importCin() {
  const a = await actor();
  cinPlan = await planCinImport(db(), a, census);
  cinResult = await writeCinImport(db(), a, census, cinPlan, year);
  return new Map(cinResult.children.map((c) => [c.laChildId, c]));
}
async function import903() {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-903-as-recorded-'));
  const tables = build903(input, year);
  mkdirSync(join(dir, '903'));
  for (const table of Object.keys(SSDA903_TABLES) as Ssda903Table[])
    writeFileSync(join(dir, '903', `${table.toLowerCase()}.csv`), ssda903Csv(table, tables[table] as never));
  const rows = read903Dir(join(dir, '903'));
  const a = await actor();
  const res = await write903Import(db(), a, rows, await plan903Import(db(), a, rows));
  return new Map(res.children.map((c) => [c.laChildId, c]));
}
const episodesOf = (personId: string) =>
  db()
    .selectFrom('cin_episodes')
    .select(['id', 'referral_on', 'closed_on', 'closure_reason'])
    .where('person_id', '=', personId)
    .orderBy('referral_on')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  officer = await buildUser(db(), await buildLocalAuthority(db(), LA), ['performance_officer']);
  cin = await importCin();
});
afterAll(async () => t.close());

describe('import: as the file records it', () => {
  it('takes a plan carried over from before the census year, with its conference on its first day and no enquiry', async () => {
    const w = cin.get('CARRIED1')!;
    expect(w.outcome, w.reasons.join(' ')).toBe('created');
    const conferences = await db()
      .selectFrom('conferences')
      .select(['kind', 'held_on', 's47_enquiry_id', 'decision'])
      .where('person_id', '=', w.personId!)
      .orderBy('held_on')
      .execute();
    expect(conferences).toEqual([
      { kind: 'initial', held_on: '2024-12-01', s47_enquiry_id: null, decision: 'plan' },
      { kind: 'review', held_on: '2025-06-01', s47_enquiry_id: null, decision: 'continue' },
    ]);
    const plan = await db()
      .selectFrom('cp_plans')
      .select(['started_on', 'ended_on', 'initial_category'])
      .where('person_id', '=', w.personId!)
      .execute();
    expect(plan).toEqual([{ started_on: '2024-12-01', ended_on: null, initial_category: 'NEG' }]);
    expect(w.findings.join(' ')).toContain(
      'The child protection plan from 2024-12-01 has no initial conference in the file',
    );
  });

  it('keeps the conference and the plan it decided on their own dates', async () => {
    const w = cin.get('LATER1')!;
    expect(w.outcome, w.reasons.join(' ')).toBe('created');
    const conf = await db()
      .selectFrom('conferences')
      .select(['id', 'held_on', 's47_enquiry_id'])
      .where('person_id', '=', w.personId!)
      .executeTakeFirstOrThrow();
    expect(conf.held_on).toBe('2025-05-20');
    expect(conf.s47_enquiry_id).not.toBeNull();
    const plan = await db()
      .selectFrom('cp_plans')
      .select(['started_on', 'conference_id'])
      .where('person_id', '=', w.personId!)
      .executeTakeFirstOrThrow();
    expect(plan).toEqual({ started_on: '2025-05-22', conference_id: conf.id });
    expect(w.findings).toEqual([
      'The initial conference on 2025-05-20 and the child protection plan it decided, from 2025-05-22, are recorded on their own dates',
    ]);
  });

  it('judges an expected date of birth against the census date, and says when it has passed', async () => {
    const due = cin.get('UNBORN1')!;
    expect(due.outcome, due.reasons.join(' ')).toBe('created');
    const person = await db()
      .selectFrom('people')
      .select(['kind', 'expected_date_of_birth'])
      .where('id', '=', due.personId!)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ kind: 'unborn', expected_date_of_birth: '2026-04-30' });
    expect(due.findings.join(' ')).toContain('Expected date of birth 2026-04-30 has passed');
    const early = cin.get('UNBORN2')!;
    expect(early.outcome).toBe('refused');
    expect(early.reasons.join(' ')).toContain(
      'Expected date of birth must be on or after the census date, 31 March 2026',
    );
  });

  it('takes pre-birth work up to 10 months before the birth, and no earlier', async () => {
    const pre = cin.get('PREBIRTH1')!;
    expect(pre.outcome, pre.reasons.join(' ')).toBe('created');
    expect((await episodesOf(pre.personId!)).map((e) => e.referral_on)).toEqual(['2025-08-01']);
    expect(pre.findings).toContain('Pre-birth referral on 2025-08-01, before the birth on 2025-12-01');
    const long = cin.get('PREBIRTH2')!;
    expect(long.outcome).toBe('refused');
    expect(long.reasons.join(' ')).toContain(
      'must be no more than 10 months before the child’s date of birth',
    );
  });

  it("the import's report lists each child's findings beside their outcome", () => {
    const html = importResultHtml(cinResult, cinPlan, 'cin.xml');
    expect(html).toContain('<th scope="col">Findings</th>');
    expect(html).toContain('4 with findings to check');
    const row = html.split('\n').find((l) => l.includes('<td>PREBIRTH1</td>'))!;
    expect(row).toContain('Pre-birth referral on 2025-08-01, before the birth on 2025-12-01');
  });

  it('extends a CIN episode back to the start of care that runs into it; the census import still finds it', async () => {
    const care903 = await import903();
    const w = care903.get('EXTEND1')!;
    expect(w.outcome, w.reasons.join(' ')).toBe('added');
    const [ep] = await episodesOf(w.personId!);
    expect(ep!.referral_on).toBe('2025-06-01');
    const episode = await db()
      .selectFrom('care_episodes')
      .select(['started_on', 'cin_episode_id'])
      .where('person_id', '=', w.personId!)
      .executeTakeFirstOrThrow();
    expect(episode).toEqual({ started_on: '2025-06-01', cin_episode_id: ep!.id });
    expect(w.findings.join(' ')).toContain('began before the CIN episode referred on 2025-10-01');

    // Care with no episode around it: one opened on its first day and closed on its last.
    const o = care903.get('OPEN1')!;
    expect(o.outcome, o.reasons.join(' ')).toBe('added');
    const eps = await episodesOf(o.personId!);
    expect(eps.map((e) => [e.referral_on, e.closed_on, e.closure_reason])).toEqual([
      ['2025-04-10', '2025-05-20', 'RC8'],
      ['2025-07-01', '2025-12-01', 'RC7'],
    ]);
    const inCare = await db()
      .selectFrom('care_episodes')
      .select(['cin_episode_id', 'ended_on', 'reason_end'])
      .where('person_id', '=', o.personId!)
      .executeTakeFirstOrThrow();
    expect(inCare).toEqual({ cin_episode_id: eps[1]!.id, ended_on: '2025-12-01', reason_end: 'E8' });
    expect(o.findings.join(' ')).toContain('Care from 2025-07-01 had no CIN episode in the record');

    // Resumable: the census again skips both (the extended episode by its contact's date), the 903 again skips both.
    const again = await importCin();
    expect(again.get('EXTEND1')!.outcome).toBe('skipped');
    expect(again.get('OPEN1')!.outcome).toBe('skipped');
    expect((await import903()).get('EXTEND1')!.outcome).toBe('skipped');
  });
});
