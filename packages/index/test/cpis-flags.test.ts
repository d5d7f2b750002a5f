import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedLocalIndex } from '../src/open.ts';
import { cpisCheckChain } from '../src/audit.ts';
import { verifyAudit } from '../src/service.ts';
import { type CpisFlagEntry, IndexInputError } from '../src/types.ts';
import { caller, engineName, freshIndex, publisher } from './helpers.ts';

// The LA's side computes these (packages/app/src/cpis/pseudonyms.ts); here a fictional key.
const key = 'cpis test key: fictional';
const nhsKey = (nhs: string) => createHmac('sha256', key).update(`nhs:${nhs}`).digest('hex');
const dobKey = (nhs: string, dob: string) =>
  createHmac('sha256', key).update(`nhs-dob:${nhs}|${dob}`).digest('hex');
const keyId = 'cpis-v1-test';

const sheffield = {
  ...publisher('la-shef', 'Sheffield City Council', 'local_authority', 'E08000019'),
  laCode: '373',
};
const leeds = {
  ...publisher('la-leeds', 'Leeds City Council', 'local_authority', 'E08000035'),
  laCode: '383',
};
const ed = caller('nhs-ed', 'Northern General Emergency Department');

const flag = (nhs: string, dob: string, extra: Partial<CpisFlagEntry> = {}): CpisFlagEntry => ({
  kind: 'cpp',
  keyId,
  nhsKey: nhsKey(nhs),
  dobKey: dobKey(nhs, dob),
  since: '2026-03-02',
  until: null,
  expectedDateOfBirth: null,
  restricted: false,
  ...extra,
});

const check = (nhs: string, dob: string | null) => ({
  caller: ed,
  role: 'unscheduled_care_clinician',
  setting: 'Emergency department, Northern General',
  keyId,
  nhsKey: nhsKey(nhs),
  dobKey: dob === null ? null : dobKey(nhs, dob),
});

describe(`CP-IS flags in the index (${engineName})`, () => {
  let index: OpenedLocalIndex;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ index, dispose } = await freshIndex());
  });
  afterAll(async () => {
    await dispose();
  });

  it('finds a published flag by the pseudonym and confirms it by the date of birth', async () => {
    const { client } = index;
    expect(
      await client.publishCpisFlags({
        publisher: sheffield,
        ref: 'child-1',
        version: 10,
        flags: [flag('9434765919', '2019-05-04')],
      }),
    ).toEqual({ status: 'stored' });
    const hits = await client.checkCpisFlags(check('9434765919', '2019-05-04'));
    expect(hits).toEqual([
      {
        organisationId: 'la-shef',
        laCode: '373',
        ref: 'child-1',
        kind: 'cpp',
        since: '2026-03-02',
        until: null,
        expectedDateOfBirth: null,
        restricted: false,
        confirmed: true,
      },
    ]);
    // Another date of birth: held, not confirmed; no date of birth (a traced FHIR search): confirmed.
    expect((await client.checkCpisFlags(check('9434765919', '2019-05-05'))).map((h) => h.confirmed)).toEqual([
      false,
    ]);
    expect((await client.checkCpisFlags(check('9434765919', null))).map((h) => h.confirmed)).toEqual([true]);
    expect(await client.checkCpisFlags(check('4010232137', '2019-05-04'))).toEqual([]);
  });

  it('a publication replaces the child’s flags; a stale one is ignored; none withdraws them', async () => {
    const { client } = index;
    const nhs = '4010232137';
    await client.publishCpisFlags({
      publisher: leeds,
      ref: 'child-9',
      version: 5,
      flags: [flag(nhs, '2015-01-01')],
    });
    await client.publishCpisFlags({
      publisher: leeds,
      ref: 'child-9',
      version: 7,
      flags: [
        flag(nhs, '2015-01-01', { until: '2026-06-30' }),
        flag(nhs, '2015-01-01', { kind: 'lac', since: '2026-07-01' }),
      ],
    });
    expect(
      await client.publishCpisFlags({ publisher: leeds, ref: 'child-9', version: 6, flags: [] }),
    ).toEqual({ status: 'stale' });
    const hits = await client.checkCpisFlags(check(nhs, '2015-01-01'));
    expect(hits.map((h) => [h.kind, h.since, h.until])).toEqual([
      ['cpp', '2026-03-02', '2026-06-30'],
      ['lac', '2026-07-01', null],
    ]);
    await client.publishCpisFlags({ publisher: leeds, ref: 'child-9', version: 8, flags: [] });
    expect(await client.checkCpisFlags(check(nhs, '2015-01-01'))).toEqual([]);
  });

  it('holds no NHS number or date of birth, only keyed pseudonyms, and audits every check', async () => {
    const db = index.database.db;
    const rows = await db.selectFrom('cpis_flags').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toMatch(/9434765919|4010232137|2019-05-04|2015-01-01/);
    const audit = await db
      .selectFrom('audit')
      .select(['kind', 'entry'])
      .where('organisation_id', '=', 'nhs-ed')
      .orderBy('seq')
      .execute();
    const checks = audit.filter((a) => a.kind === 'cpis_check');
    expect(checks).toHaveLength(6);
    const first = (
      typeof checks[0]!.entry === 'string' ? JSON.parse(checks[0]!.entry) : checks[0]!.entry
    ) as {
      role: string;
      setting: string;
      caller: { organisationName: string };
      found: unknown[];
    };
    expect(first.role).toBe('unscheduled_care_clinician');
    expect(first.setting).toBe('Emergency department, Northern General');
    expect(first.caller.organisationName).toBe('Northern General Emergency Department');
    expect(first.found).toHaveLength(1);
    expect(await verifyAudit(db, 'nhs-ed')).toBe(audit.length);
  });

  it('refuses a plaintext NHS number, a bad kind or date, and two flags of one kind', async () => {
    const { client } = index;
    await expect(
      client.checkCpisFlags({ ...check('9434765919', null), nhsKey: '9434765919' }),
    ).rejects.toThrow(IndexInputError);
    await expect(
      client.publishCpisFlags({
        publisher: sheffield,
        ref: 'child-2',
        version: 1,
        flags: [flag('9434765919', '2019-05-04', { since: '2026-02-30' })],
      }),
    ).rejects.toThrow(/since: must be a real date/);
    await expect(
      client.publishCpisFlags({
        publisher: sheffield,
        ref: 'child-2',
        version: 1,
        flags: [flag('9434765919', '2019-05-04'), flag('9434765919', '2019-05-04')],
      }),
    ).rejects.toThrow(/one flag of each kind/);
    await expect(
      client.publishCpisFlags({
        publisher: sheffield,
        ref: 'child-2\u0000',
        version: 1,
        flags: [],
      }),
    ).rejects.toThrow(IndexInputError);
  });

  it('records each clinician’s checks in their own chain of the trust’s audit, every one verified', async () => {
    const db = index.database.db;
    const trust = 'nhs-trust-many';
    const clinician = (k: number) => ({
      ...caller(trust, 'Many Clinicians Hospital'),
      userId: `clinician-${k}`,
    });
    const nhs = '9434765919';
    // Twenty clinicians of one trust at once, three checks each: none waits on another's chain.
    await Promise.all(
      Array.from({ length: 20 }, async (_, k) => {
        for (let n = 0; n < 3; n++)
          await index.client.checkCpisFlags({ ...check(nhs, '2019-05-04'), caller: clinician(k) });
      }),
    );
    const rows = await db
      .selectFrom('audit')
      .select(['chain', 'seq', 'kind', 'entry'])
      .where('organisation_id', '=', trust)
      .execute();
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.chain)).size).toBe(20);
    const mine = rows.filter((r) => r.chain === cpisCheckChain('clinician-7'));
    expect(mine.map((r) => Number(r.seq)).sort()).toEqual([1, 2, 3]);
    expect(mine.every((r) => r.kind === 'cpis_check')).toBe(true);
    expect(await verifyAudit(db, trust)).toBe(60);

    // A check taken out of the middle of a chain, its last one, or a whole chain: each is found.
    const chain = cpisCheckChain('clinician-3');
    const snapshot = await db.selectFrom('audit').selectAll().where('chain', '=', chain).execute();
    const restore = async () => {
      await db.deleteFrom('audit').where('chain', '=', chain).execute();
      await db
        .insertInto('audit')
        .values(snapshot.map((r) => ({ ...r, entry: JSON.stringify(r.entry) })))
        .execute();
      expect(await verifyAudit(db, trust)).toBe(60);
    };
    for (const seq of ['2', '3']) {
      await db.deleteFrom('audit').where('chain', '=', chain).where('seq', '=', seq).execute();
      await expect(verifyAudit(db, trust)).rejects.toThrow(/clinician-3.*broken/);
      await restore();
    }
    await db.deleteFrom('audit').where('chain', '=', chain).execute();
    await expect(verifyAudit(db, trust)).rejects.toThrow(/clinician-3.*broken: its head is entry 3/);
    await restore();
    await db
      .updateTable('audit')
      .set({ chain: cpisCheckChain('clinician-99') })
      .where('chain', '=', chain)
      .where('seq', '=', '1')
      .execute();
    await expect(verifyAudit(db, trust)).rejects.toThrow(/broken/);
  });
});
