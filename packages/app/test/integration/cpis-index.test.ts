/**
 * CP-IS flags through the involvement index (the real @waypoint/index on its own PGlite): a plan
 * recorded by a worker is published as keyed pseudonyms by a job after commit, a clinician's check
 * is answered from the index (and audited there, in the clinician organisation's chain, and in the
 * LA's), the index holds no NHS number or date of birth, and the end of the flag reaches it too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpisCheckChain, openIndex, type OpenedLocalIndex, verifyAudit } from '@waypoint/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpisFlagAdapter, setFlagIndexPort } from '../../src/cpis/flag-index.ts';
import '../../src/cpis/tables.ts';
import '../../src/jobs/definitions.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { onPlan, stepOk } from '../support/cpis.ts';
import {
  allocate,
  bearer,
  buildChild,
  buildOrganisation,
  buildUser,
  sessionCookie,
  type BuiltUser,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

const NHS = '4010232137';
const DOB = '2017-06-15';
let t: TestApp;
let w: AccessWorld;
let index: OpenedLocalIndex;
let dir: string;
let clinician: BuiltUser;
let child: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waypoint-cpis-index-'));
  index = await openIndex({ dataDir: dir });
  setFlagIndexPort(
    cpisFlagAdapter(index.client, new TextEncoder().encode('cpis index test secret, fictional')),
  );
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  const trust = await buildOrganisation(db(), '902', 'nhs_trust', 'Fictional Moor Hospital', ['901', '902']);
  clinician = await buildUser(db(), w.la2, ['unscheduled_care_clinician'], {
    organisationId: trust,
    name: 'Dr Moor',
  });
  child = await buildChild(db(), '901', { givenName: 'Indy', familyName: 'Indexed', dateOfBirth: DOB });
  await db().updateTable('people').set({ nhs_number: NHS }).where('id', '=', child).execute();
  await allocate(db(), '901', child, w.teams.teamA, w.users.workerA.id);
});
afterAll(async () => {
  setFlagIndexPort(null);
  await t.close();
  await index.close();
  rmSync(dir, { recursive: true, force: true });
});
function db() {
  return t.database.db;
}
const form = (nhs: string, dob: string) => {
  const [y, m, d] = dob.split('-');
  return {
    nhsNumber: nhs,
    'dateOfBirth-day': d!,
    'dateOfBirth-month': m!,
    'dateOfBirth-year': y!,
    setting: 'emergency-department',
  };
};
const check = async (nhs: string, dob: string) =>
  submitForm(t.app, '/cpis/check', await sessionCookie(db(), clinician), form(nhs, dob));

describe('CP-IS through the involvement index', () => {
  it('nothing is held until the plan is recorded and its publication job has run', async () => {
    expect((await check(NHS, DOB)).body).toContain('No child protection or looked-after information held');
    await onPlan(t, await bearer(db(), w.users.workerA), child);
    await runDueJobs(db());
    const held = await index.database.db.selectFrom('cpis_flags').selectAll().execute();
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ kind: 'cpp', until: null, restricted: false });
    expect(held[0]!.nhs_key).toMatch(/^[0-9a-f]{64}$/);
    // The index holds pseudonyms only: no NHS number, date of birth or name anywhere in its tables.
    for (const table of ['cpis_flags', 'cpis_flag_sets', 'audit'] as const) {
      const dump = JSON.stringify(await index.database.db.selectFrom(table).selectAll().execute());
      expect(dump).not.toContain(NHS);
      expect(dump).not.toContain(DOB);
      expect(dump).not.toContain('Indexed');
    }
  });

  it('a check is answered from the index, audited in its chain and the LA’s, and the worker is told', async () => {
    const res = await check('401 023 2137', DOB);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Child protection plan');
    expect(res.body).not.toContain('Indy');
    const entries = await index.database.db
      .selectFrom('audit')
      .select(['kind', 'entry', 'chain'])
      .where('organisation_id', '=', clinician.organisationId)
      .orderBy('chain')
      .orderBy('seq')
      .execute();
    const checks = entries.filter((e) => e.kind === 'cpis_check');
    expect(checks).toHaveLength(2);
    // In the clinician's own chain of the trust's audit, so other clinicians never wait on it.
    expect(checks.map((e) => e.chain)).toEqual([cpisCheckChain(clinician.id), cpisCheckChain(clinician.id)]);
    const last = (typeof checks[1]!.entry === 'string' ? JSON.parse(checks[1]!.entry) : checks[1]!.entry) as {
      role: string;
      setting: string;
      caller: { userId: string };
      found: { kind: string; confirmed: boolean }[];
    };
    expect(last).toMatchObject({
      role: 'unscheduled_care_clinician',
      setting: 'Emergency department, Fictional Moor Hospital',
      caller: { userId: clinician.id },
      found: [{ kind: 'cpp', confirmed: true }],
    });
    expect(await verifyAudit(index.database.db, clinician.organisationId)).toBe(entries.length);
    const laAudit = await db()
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'cpis.check')
      .where('subject_person_id', '=', child)
      .execute();
    expect(laAudit.map((a) => a.reason)).toEqual([expect.stringContaining('result=cpp')]);
    await runDueJobs(db());
    const told = await db()
      .selectFrom('notifications')
      .select('recipient_user_id')
      .where('kind', '=', 'cpis_attendance')
      .where('person_id', '=', child)
      .execute();
    expect(told.map((n) => n.recipient_user_id)).toContain(w.users.workerA.id);
  });

  it('another date of birth is held but not confirmed; the FHIR search answers from the index too', async () => {
    expect((await check(NHS, '2017-06-16')).body).toContain(
      'No information held for this NHS number and date of birth',
    );
    const token = await bearer(db(), clinician, ['cpis:read']);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cpis/Flag?patient.identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${NHS}`)}&setting=emergency-department`,
      headers: { authorization: token },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ resourceType: string; total: number }>()).toMatchObject({
      resourceType: 'Bundle',
      total: 1,
    });
  });

  it('a changed plan is published again: the index holds the end date the record holds', async () => {
    await stepOk(t, await bearer(db(), w.users.workerA), child, 'review-conference', {
      heldOn: '2026-05-10',
      decision: 'end',
      reason: 'Safe.',
    });
    await runDueJobs(db());
    const held = await index.database.db
      .selectFrom('cpis_flags')
      .select(['kind', 'since', 'until'])
      .execute();
    expect(held).toEqual([{ kind: 'cpp', since: '2026-02-10', until: '2026-05-10' }]);
  });
});
