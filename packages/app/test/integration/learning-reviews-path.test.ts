/**
 * The path from chronology to publication on a real database: the chronology from the record and
 * from agencies (form, CSV), the analysis, the report's versions, redaction decisions that survive
 * edits of the draft (re-anchored, or flagged when the text under them changed), and publication
 * refused until every check is signed in order by the right, separate, uninvolved people and the
 * publishable text passes its re-check; then withdrawal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addEpisode,
  addFinding,
  addRecommendation,
  readAnalysis,
  updateProgress,
} from '../../src/learning-reviews/analysis.ts';
import {
  addAgencyEntry,
  annotateEntry,
  buildFromRecords,
  readChronology,
  uploadAgencyEntries,
} from '../../src/learning-reviews/chronology.ts';
import {
  publishLearningReview,
  readChecks,
  signCheck,
  withdrawLearningReview,
} from '../../src/learning-reviews/checks.ts';
import { readReport, saveDraft, saveDraftFromWorkspace } from '../../src/learning-reviews/drafts.ts';
import {
  readRedaction,
  recordDecision,
  resolveRisk,
} from '../../src/learning-reviews/redaction-decisions.ts';
import type { RedactionState } from '../../src/learning-reviews/redaction.ts';
import { sessionCookie } from '../support/factories.ts';
import { buildReviewsWorld, type ReviewsWorld } from '../support/reviews-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let w: ReviewsWorld;
let id: string;
let reviewer: ReturnType<ReviewsWorld['as']>;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildReviewsWorld(t.database.db);
  id = await w.openReview(w.children.child1, w.users.reviewer, true);
  reviewer = w.as(w.users.reviewer, ['safeguarding_reviewer']);
});
afterAll(async () => t.close());

const state = async () => (await readRedaction(reviewer, id)) as RedactionState;
const PUBLISH = { region: 'south-east', themes: ['physical-abuse', 'information-sharing'] };
const REPORT = [
  '# Child A, 2025',
  '',
  'Jayden Okafor lived with his mother Kerry Okafor. On 10 February 2025 the nursery saw a bruise.',
  '',
  'Sam Worker visited Jayden at home. Jayden said he was happy.',
  '',
  'His friend Tobias Quenby told the nursery.',
].join('\n');

describe('the chronology and analysis', () => {
  it('brings in the record once, with its source, and adds agencies’ entries by form and CSV', async () => {
    expect(await buildFromRecords(reviewer, id)).toEqual({
      fromRecord: 1,
      fromIndex: 0,
      index: 'unavailable',
    });
    expect(await buildFromRecords(reviewer, id)).toMatchObject({ fromRecord: 0 });
    await addAgencyEntry(reviewer, id, {
      organisationId: w.police,
      occurredOn: '2025-01-20',
      title: 'Domestic abuse call-out',
    });
    const n = await uploadAgencyEntries(reviewer, id, {
      organisationId: w.nhs,
      filename: 'health.csv',
      data: Buffer.from(
        'date,what,detail\n4/3/2025,Health visitor contact,Seen at clinic\n2025-03-20,A&E attendance,\n',
      ),
    });
    expect(n).toBe(2);
    await expect(
      uploadAgencyEntries(reviewer, id, {
        organisationId: w.nhs,
        filename: 'bad.csv',
        data: Buffer.from('date,what\n31/2/2025,x\n'),
      }),
    ).rejects.toMatchObject({ id: 'validation_failed' });
    const { entries } = await readChronology(reviewer, id);
    expect(entries.map((e) => [e.occurredOn, e.source])).toEqual([
      ['2025-01-20', 'agency-form'],
      ['2025-02-10', 'journey'],
      ['2025-03-04', 'agency-csv'],
      ['2025-03-20', 'agency-csv'],
    ]);
    await expect(
      annotateEntry(reviewer, id, entries[3]!.id, { excluded: 'yes', version: '1' }),
    ).rejects.toMatchObject({ id: 'validation_failed' });
    await annotateEntry(reviewer, id, entries[3]!.id, {
      excluded: 'yes',
      excludedReason: 'Unrelated',
      version: '1',
    });
    await expect(
      annotateEntry(reviewer, id, entries[3]!.id, { excluded: 'no', version: '1' }),
    ).rejects.toMatchObject({ id: 'conflict' });
  });

  it('records an episode linked to entries, a finding and a recommendation tracked to completion', async () => {
    const { entries } = await readChronology(reviewer, id);
    await addEpisode(reviewer, id, {
      title: 'The bruise at nursery',
      whatHappened: 'A bruise was seen.',
      whatWasKnown: 'The police call-out was not known to the nursery.',
      factors: ['multi-agency-assessment'],
      entries: [entries[0]!.id, entries[1]!.id],
    });
    await expect(
      addEpisode(reviewer, id, { title: 'x', whatHappened: 'y', whatWasKnown: 'z', factors: ['nope'] }),
    ).rejects.toMatchObject({
      id: 'validation_failed',
    });
    const a = await readAnalysis(reviewer, id);
    await addFinding(reviewer, id, {
      title: 'Information did not flow',
      text: 'Across agencies.',
      episodeId: a.episodes[0]!.id,
      themes: ['multi-agency-assessment'],
    });
    const f = (await readAnalysis(reviewer, id)).findings[0]!;
    await addRecommendation(reviewer, id, {
      findingId: f.id,
      text: 'Share call-outs with nurseries.',
      owner: 'Police',
      dueOn: '2026-06-30',
    });
    const rec = (await readAnalysis(reviewer, id)).recommendations[0]!;
    await updateProgress(reviewer, id, rec.id, { progress: 'complete', version: '1' });
    expect((await readAnalysis(reviewer, id)).recommendations[0]!.progress).toBe('complete');
  });
});

describe('the report and its redaction', () => {
  it('builds a version from the workspace, and refuses a save from a stale version', async () => {
    expect(await saveDraftFromWorkspace(reviewer, id)).toBe(1);
    const r = await readReport(reviewer, id);
    expect(r.latest!.body).toContain('## Findings');
    expect(r.latest!.body).toContain('Information did not flow');
    expect(await saveDraft(reviewer, id, { body: REPORT, baseVersion: '1' })).toBe(2);
    await expect(saveDraft(reviewer, id, { body: 'x', baseVersion: '1' })).rejects.toMatchObject({
      id: 'conflict',
    });
  });

  it('proposes pseudonyms from the cast built from the record', async () => {
    const s = await state();
    const jayden = s.spans.find((x) => x.text === 'Jayden Okafor')!;
    expect(jayden.replacement).toBe('Child A');
    expect(s.spans.find((x) => x.text === 'Kerry Okafor')!.replacement).toBe('Mother');
    expect(s.spans.find((x) => x.text === 'Sam Worker')).toBeDefined();
    expect(s.problems.join(' ')).toMatch(/not yet accepted or rejected/);
  });

  it('keeps span decisions through an edit (re-anchored) and flags one whose text changed', async () => {
    let s = await state();
    const tobias = s.spans.find((x) => x.text.startsWith('Tobias'))!;
    const said = s.spans.filter((x) => x.text === 'Jayden').at(-1)!;
    await recordDecision(reviewer, id, {
      action: 'accept-span',
      start: said.start,
      end: said.end,
      version: s.draft.version,
    });
    await recordDecision(reviewer, id, {
      action: 'accept-span',
      start: tobias.start,
      end: tobias.end,
      version: s.draft.version,
    });
    s = await state();
    expect(s.spans.find((x) => x.start === said.start)!.pending).toBe(false);
    // An edit above moves every offset; the word under the first decision changes.
    const edited = `A new opening paragraph.\n\n${REPORT.replace('Jayden said he was happy', 'Jayden said he was happy at home').replace('Tobias Quenby', 'Toby Quenby')}`;
    await saveDraft(reviewer, id, { body: edited, baseVersion: '2' });
    s = await state();
    const moved = s.spans.find((x) => x.start === edited.indexOf('Jayden said'))!;
    expect(moved.pending).toBe(false); // still accepted, re-anchored at its new place
    expect(s.spans.filter((x) => x.text === 'Jayden' && x.pending)).toHaveLength(1); // the other mention
    expect(s.flagged.map((f) => f.text)).toContain('Tobias Quenby');
  });

  it('refuses publication while anything is unresolved, and passes the re-check once decided', async () => {
    const manager = w.manager;
    await expect(publishLearningReview(manager, id, PUBLISH)).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await recordDecision(reviewer, id, {
      action: 'add',
      text: 'Quenby',
      type: 'PERSON',
      replacement: 'Friend 1',
    });
    await recordDecision(reviewer, id, { action: 'accept-all' });
    let s = await state();
    expect(s.spans.filter((x) => x.pending)).toHaveLength(0);
    for (const r of s.risks)
      await resolveRisk(reviewer, id, { key: r.key, resolution: 'accepted', reason: 'Checked' });
    s = await state();
    expect([s.problems, s.redacted]).toEqual([[], expect.any(String)]);
    expect(s.redacted).not.toMatch(/Jayden|Okafor|Kerry|Quenby/);
  });
});

describe('the checks and publication', () => {
  const chair = () => w.as(w.users.chair, ['partnership_chair']);
  const chair2 = () => w.as(w.users.chair2, ['partnership_chair']);
  const dpo = () => w.as(w.users.dpo, ['data_protection_officer']);

  it('signs in order, by the role for each check, separating duties', async () => {
    await expect(signCheck(w.manager, id, 'court-orders', { reason: 'None' })).rejects.toMatchObject({
      options: {
        fields: [
          {
            message:
              'Sign the checks in order: first, the welfare of surviving children and siblings considered',
          },
        ],
      },
    });
    await expect(
      signCheck(w.manager, id, 'welfare', { decision: 'in-full', reason: 'x' }),
    ).rejects.toMatchObject({ id: 'validation_failed' });
    await signCheck(chair(), id, 'welfare', {
      decision: 'in-full',
      reason: 'Siblings considered; no harm expected.',
    });
    await signCheck(w.manager, id, 'court-orders', { reason: 'No orders or restrictions.' });
    await signCheck(w.manager, id, 'family', { reason: 'Mother told; her views are in the report.' });
    await expect(signCheck(w.manager, id, 'data-protection', { reason: 'x' })).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await signCheck(dpo(), id, 'data-protection', { reason: 'Anonymisation checked.' });
    await expect(publishLearningReview(w.manager, id, PUBLISH)).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await expect(signCheck(w.manager, id, 'panel-notice', { reason: 'Sent' })).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await signCheck(w.manager, id, 'panel-notice', {
      reason: 'Sent to the Panel and the DfE.',
      noticeOn: '2025-11-01',
    });
    await signCheck(chair(), id, 'approval', { reason: 'Approved by the partnership.' });
    expect((await readChecks(w.manager, id)).problems).toEqual([]);
  });

  it('does not let the same person approve who signed a business manager’s check', async () => {
    const other = await w.openReview(w.children.child2, w.users.reviewer2);
    await signCheck(chair2(), other, 'welfare', { decision: 'in-full', reason: 'ok' });
    const both = w.as(w.users.manager, ['partnership_business_manager', 'partnership_chair']);
    await signCheck(both, other, 'court-orders', { reason: 'ok' });
    await signCheck(both, other, 'family', { reason: 'ok' });
    await expect(signCheck(both, other, 'data-protection', { reason: 'ok' })).rejects.toMatchObject({
      id: 'validation_failed',
    });
  });

  it('publishes into the public repository, found by search, and withdraws with a reason kept in the audit', async () => {
    await publishLearningReview(w.manager, id, PUBLISH);
    const { published_id: publicId } = await t.database.db
      .selectFrom('learning_reviews')
      .select('published_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const pub = await t.app.inject({ method: 'GET', url: `/reviews/${publicId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Child A');
    expect(pub.body).not.toMatch(/Okafor|Jayden|Quenby/);
    const found = await t.app.inject({ method: 'GET', url: '/reviews?q=nursery' });
    expect(found.body).toContain(`/reviews/${publicId}`);
    await expect(publishLearningReview(w.manager, id, PUBLISH)).rejects.toMatchObject({
      id: 'validation_failed',
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/learning-reviews/${id}/checks`,
      headers: { cookie: await sessionCookie(t.database.db, w.users.manager) },
    });
    expect(res.body).toContain('Withdraw the review');
    await withdrawLearningReview(w.manager, id, { reason: 'A court order was made after publication' });
    expect((await t.app.inject({ method: 'GET', url: `/reviews/${publicId}` })).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('record_id', '=', id)
      .where('reason', 'like', 'withdrawn%')
      .execute();
    expect(audit[0]!.reason).toContain('A court order');
  });
});

describe('the workspace pages', () => {
  it('render for the reviewer and the business manager, without JavaScript', async () => {
    const s = await state();
    const entry = (await readChronology(reviewer, id)).entries[0]!;
    const urls = [
      '',
      '/chronology',
      `/chronology/${entry.id}`,
      '/analysis',
      '/analysis/episodes/new',
      '/analysis/findings/new',
      '/analysis/recommendations/new',
      '/report',
      '/redaction',
      '/redaction?show=all&page=1',
      `/redaction/entity?key=${encodeURIComponent(s.entities[0]!.key)}`,
      '/checks',
      `/children/${w.children.child1}`,
    ];
    for (const user of [w.users.reviewer, w.users.manager]) {
      const cookie = await sessionCookie(t.database.db, user);
      for (const u of urls) {
        if (user === w.users.manager && u.startsWith('/children')) continue;
        const res = await t.app.inject({
          method: 'GET',
          url: `/learning-reviews/${id}${u}`,
          headers: { cookie },
        });
        expect([u, res.statusCode]).toEqual([u, 200]);
      }
    }
  });
});
