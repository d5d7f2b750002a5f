import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PprlRecord } from '@waypoint/pprl';
import { verifyAudit } from '../src/service.ts';
import type { OpenedLocalIndex } from '../src/open.ts';
import { IndexInputError } from '../src/types.ts';
import { caller, encode, engineName, freshIndex, maya, publication, publisher } from './helpers.ts';

// Fictional children. Each agency records them with its own small differences.
const mayaAtSchool: PprlRecord = { ...maya, address: '14 Quarry Bank Rd', town: null };
const mayaAtPolice: PprlRecord = { ...maya, given_name: 'Mya', postcode: 'LS11 5AD' };
const leo: PprlRecord = {
  id: 'y',
  given_name: 'Leopold',
  family_name: 'Whitacre',
  dob: '2016-11-02',
  sex: 'M',
  postcode: 'BD7 2QT',
  address: '3 Ferncliffe Court',
  town: 'Bradford',
};
// Twins: same family, date of birth and home; only the given names differ.
const ava: PprlRecord = { ...leo, given_name: 'Ava', sex: 'F', dob: '2018-06-09' };
const isla: PprlRecord = { ...leo, given_name: 'Isla', sex: 'F', dob: '2018-06-09' };

const leeds = publisher('la-leeds', 'Leeds City Council', 'local_authority', 'E08000035');
const bradford = publisher('la-bradford', 'Bradford Council', 'local_authority', 'E08000032');
const police = publisher('police-wy', 'West Yorkshire Police', 'police');
const school = publisher('school-qb', 'Quarry Bank Primary', 'school');
const refuge = publisher('refuge-1', 'Northern Refuge', 'voluntary');

describe(`involvement index on ${engineName}`, () => {
  let index: OpenedLocalIndex;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ index, dispose } = await freshIndex());
  });
  afterAll(async () => {
    await dispose();
  });

  it('publishes idempotently and ignores stale versions', async () => {
    const p = publication(leeds, 'inv-maya', maya);
    expect(await index.client.publish(p)).toEqual({ status: 'stored' });
    expect(await index.client.publish(p)).toEqual({ status: 'unchanged' });
    expect(await index.client.publish({ ...p, version: 2, role: 'Social worker' })).toEqual({
      status: 'stored',
    });
    expect(await index.client.publish({ ...p, version: 1, role: 'Old role' })).toEqual({ status: 'stale' });
    const row = await index.database.db
      .selectFrom('publications')
      .selectAll()
      .where('ref', '=', 'inv-maya')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    expect(row.role).toBe('Social worker');
  });

  it('cross-LA: a child published by two LAs and a police force is found by each', async () => {
    await index.client.publish(publication(bradford, 'b-77', mayaAtSchool, { service: 'Early help' }));
    await index.client.publish(
      publication(police, 'wy-123', mayaAtPolice, { service: 'Child abuse investigation' }),
    );
    await index.client.publish(publication(leeds, 'inv-leo', leo));
    for (const [org, ref, rec] of [
      [leeds, 'inv-maya', maya],
      [bradford, 'b-77', mayaAtSchool],
      [police, 'wy-123', mayaAtPolice],
    ] as const) {
      const a = await index.client.lookup({
        encoding: encode(rec),
        caller: caller(org.organisationId, org.organisationName),
        reason: 'welfare_concern',
        reasonText: null,
        excludeRefs: [{ organisationId: org.organisationId, ref }],
      });
      expect(a.outcome).toBe('answered');
      if (a.outcome !== 'answered') continue;
      const orgs = a.agencies.map((x) => x.organisation).sort();
      const others = [leeds, bradford, police]
        .filter((o) => o !== org)
        .map((o) => o.organisationName)
        .sort();
      expect(orgs).toEqual(others);
      expect(JSON.stringify(a)).not.toMatch(/score|similarity|dice/i);
    }
  });

  it('a child nobody published answers none, and every look-up is in the caller’s hash chain', async () => {
    const nobody: PprlRecord = {
      ...leo,
      given_name: 'Zebedee',
      family_name: 'Quinnell',
      dob: '2012-02-29',
      postcode: 'YO1 7HH',
    };
    const a = await index.client.lookup({
      encoding: encode(nobody),
      caller: caller('school-qb', 'Quarry Bank Primary'),
      reason: 'other',
      reasonText: 'Testing',
    });
    expect(a.outcome).toBe('none');
    expect(await verifyAudit(index.database.db, 'la-leeds')).toBeGreaterThan(0);
    expect(await verifyAudit(index.database.db, 'school-qb')).toBe(1);
    // Tampering with an entry breaks the chain.
    await index.database.db
      .updateTable('audit')
      .set({ entry: JSON.stringify({ tampered: true }) })
      .where('organisation_id', '=', 'school-qb')
      .execute();
    await expect(verifyAudit(index.database.db, 'school-qb')).rejects.toThrow(/broken/);
  });

  it('disclosed publishers get a lookup_on_records notice and see the look-up for their DPO', async () => {
    const before = await index.client.notices({ organisationId: 'police-wy', after: null });
    const a = await index.client.lookup({
      encoding: encode(maya),
      caller: caller('school-qb', 'Quarry Bank Primary'),
      reason: 'screening_contact',
      reasonText: 'Concern raised by class teacher',
    });
    expect(a.outcome).toBe('answered');
    const after = await index.client.notices({
      organisationId: 'police-wy',
      after: before.at(-1)?.id ?? null,
    });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      kind: 'lookup_on_records',
      ref: 'wy-123',
      reason: 'screening_contact',
      shieldedContact: null,
    });
    expect(after[0]!.caller.organisationId).toBe('school-qb');
    const today = new Date().toISOString().slice(0, 10);
    const seen = await index.client.lookupsOn({ organisationId: 'police-wy', from: '2026-01-01', to: today });
    expect(seen.find((l) => l.lookupId === a.lookupId)).toMatchObject({ refs: ['wy-123'], disclosed: true });
  });

  it('shielding: a shielded hit answers nothing about it and tells the shielding contact', async () => {
    const hidden: PprlRecord = {
      id: 'z',
      given_name: 'Rosalind',
      family_name: 'Penhaligon',
      dob: '2015-08-21',
      sex: 'F',
      postcode: 'HX1 2PL',
      address: '9 Mill Lane',
      town: 'Halifax',
    };
    await index.client.publish(
      publication(refuge, 'r-9', hidden, {
        shielded: true,
        contact: { name: 'Jo Keyworker', phone: '01422 000000', email: 'jo@refuge.example' },
      }),
    );
    const a = await index.client.lookup({
      encoding: encode({ ...hidden, address: '9 Mill Ln' }),
      caller: caller('police-wy', 'West Yorkshire Police'),
      reason: 'missing',
      reasonText: null,
    });
    expect(a.outcome).toBe('none');
    expect(JSON.stringify(a)).not.toContain('Refuge');
    const n = await index.client.notices({ organisationId: 'refuge-1', after: null });
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ kind: 'shielded_hit', ref: 'r-9', reason: 'missing' });
    expect(n[0]!.caller.email).toBe('sam@police-wy.example');
    expect(n[0]!.shieldedContact).toEqual({
      name: 'Jo Keyworker',
      phone: '01422 000000',
      email: 'jo@refuge.example',
    });
  });

  it('ambiguous: two different children close together answer "ask the front door"', async () => {
    // Twins guarded apart are not ambiguous: the query's own twin is stopped by the guard.
    await index.client.publish(publication(school, 'ava', ava));
    await index.client.publish(publication(school, 'isla', isla));
    const twin = await index.client.lookup({
      encoding: encode(ava),
      caller: caller('la-leeds', 'Leeds City Council'),
      reason: 'assessment',
      reasonText: null,
    });
    expect(twin.outcome).toBe('answered');
    if (twin.outcome === 'answered') expect(twin.agencies).toHaveLength(1);
    // A query without a given name cannot tell the twins apart: ambiguous.
    const vague = await index.client.lookup({
      encoding: encode({ ...ava, given_name: null }),
      caller: caller('la-leeds', 'Leeds City Council'),
      reason: 'assessment',
      reasonText: null,
    });
    expect(vague.outcome).toBe('ambiguous');
    expect(Object.keys(vague).sort()).toEqual(['lookupId', 'outcome']);
  });

  it('ending and correcting: the answer carries the new dates and details', async () => {
    await index.client.publish(
      publication(police, 'wy-123', mayaAtPolice, {
        version: 2,
        service: 'Child abuse investigation',
        until: '2026-06-30',
      }),
    );
    await index.client.publish(
      publication(bradford, 'b-77', mayaAtSchool, {
        version: 2,
        service: 'Family support',
        contact: { name: 'New Worker', phone: '01274 000000', email: 'nw@bradford.example' },
      }),
    );
    const a = await index.client.lookup({
      encoding: encode(maya),
      caller: caller('la-leeds', 'Leeds City Council'),
      reason: 'assessment',
      reasonText: null,
      excludeRefs: [{ organisationId: 'la-leeds', ref: 'inv-maya' }],
    });
    expect(a.outcome).toBe('answered');
    if (a.outcome !== 'answered') return;
    expect(a.agencies.find((x) => x.organisation === 'West Yorkshire Police')?.until).toBe('2026-06-30');
    expect(a.agencies.find((x) => x.organisation === 'Bradford Council')).toMatchObject({
      service: 'Family support',
      contact: { name: 'New Worker' },
    });
  });

  it('erasure: a withdrawal deletes the encoding and details, keeps a tombstone, ignores stale publishes', async () => {
    await index.client.withdraw({ organisationId: 'la-bradford', ref: 'b-77', version: 3 });
    const db = index.database.db;
    const row = await db
      .selectFrom('publications')
      .selectAll()
      .where('organisation_id', '=', 'la-bradford')
      .where('ref', '=', 'b-77')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      withdrawn: true,
      version: 3,
      service: null,
      contact_name: null,
      schema_id: null,
    });
    expect(
      await db
        .selectFrom('encodings')
        .select('publication_id')
        .where('publication_id', '=', String(row.id))
        .execute(),
    ).toHaveLength(0);
    expect(
      await db
        .selectFrom('block_keys')
        .select('block')
        .where('publication_id', '=', String(row.id))
        .execute(),
    ).toHaveLength(0);
    // The publish of version 2 arriving late is stale.
    expect(await index.client.publish(publication(bradford, 'b-77', mayaAtSchool, { version: 2 }))).toEqual({
      status: 'stale',
    });
    const a = await index.client.lookup({
      encoding: encode(maya),
      caller: caller('police-wy', 'West Yorkshire Police'),
      reason: 'assessment',
      reasonText: null,
    });
    expect(a.outcome).toBe('answered');
    if (a.outcome === 'answered')
      expect(a.agencies.map((x) => x.organisation)).not.toContain('Bradford Council');
    // The audit of earlier look-ups is kept, and still verifies.
    expect(await verifyAudit(db, 'la-bradford')).toBeGreaterThan(0);
  });

  it('only the same schema and key version is compared', async () => {
    const { Encoder, defaultSchema, encodingToJson } = await import('@waypoint/pprl');
    const other = new Encoder(defaultSchema(), new TextEncoder().encode('some other key: fictional 32byte'));
    const a = await index.client.lookup({
      encoding: encodingToJson(other.encode(maya)),
      caller: caller('la-leeds', 'Leeds City Council'),
      reason: 'assessment',
      reasonText: null,
    });
    expect(a.outcome).toBe('none');
  });

  it('refuses bad input with IndexInputError (never a database error)', async () => {
    const good = publication(leeds, 'bad', leo);
    const bad: unknown[] = [
      { ...good, ref: 'a\u0000b' },
      { ...good, since: '1066-10-14' },
      { ...good, since: '2026-02-30' },
      { ...good, until: '2025-01-01' },
      { ...good, encoding: '{"id":"x"}' },
      { ...good, encoding: 'not json' },
      { ...good, encoding: encode(leo).replace(/"clk":"[^"]+"/, '"clk":"@@@@"') },
      { ...good, version: -1 },
      { ...good, contact: { name: '', phone: '1', email: 'e' } },
    ];
    for (const b of bad)
      await expect(index.client.publish(b as never)).rejects.toBeInstanceOf(IndexInputError);
    await expect(
      index.client.lookup({
        encoding: encode(leo),
        caller: caller('x', 'X'),
        reason: 'curious' as never,
        reasonText: null,
      }),
    ).rejects.toBeInstanceOf(IndexInputError);
    await expect(index.client.notices({ organisationId: 'x', after: "1' or 1=1" })).rejects.toBeInstanceOf(
      IndexInputError,
    );
  });
});
