/**
 * The systems analysis, after SCIE's Learning Together model: key practice episodes linked to
 * chronology entries (what happened, what was known, the contributory factors from the
 * partnership's taxonomy), findings that generalise beyond the case, and recommendations with an
 * owner, a due date and progress tracked to completion.
 */
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { can } from '../access/capabilities.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { dateRule, EARLIEST_EVENT } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { choice, optionalText, text } from '../journey/fields.ts';
import { inReview, isNamedReviewer, type ReviewCaller, type ReviewRow } from './access.ts';
import { entriesOf, type ChronologyEntry } from './chronology.ts';
import { addFactor, factorsOf } from './partnership.ts';

export interface Episode {
  id: string;
  title: string;
  whatHappened: string;
  whatWasKnown: string;
  factors: string[];
  entryIds: string[];
}
export interface Finding {
  id: string;
  episodeId: string | null;
  title: string;
  text: string;
  themes: string[];
}
export interface Recommendation {
  id: string;
  findingId: string | null;
  text: string;
  owner: string;
  dueOn: string;
  progress: 'not-started' | 'in-progress' | 'complete';
  progressNote: string | null;
  version: number;
}
export interface Analysis {
  review: ReviewRow;
  factors: [string, string][];
  entries: ChronologyEntry[];
  episodes: Episode[];
  findings: Finding[];
  recommendations: Recommendation[];
}

export const progressLabels = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
};

/** Everything of the analysis, for its page and for the report. */
export async function analysisOf(tx: Tx, review: ReviewRow): Promise<Omit<Analysis, 'review'>> {
  const episodes = await tx
    .selectFrom('review_episodes')
    .selectAll()
    .where('review_id', '=', review.id)
    .orderBy('created_at')
    .execute();
  const links = await tx
    .selectFrom('review_episode_entries')
    .select(['episode_id', 'entry_id'])
    .where(
      'episode_id',
      'in',
      episodes.length === 0 ? ['00000000-0000-0000-0000-000000000000'] : episodes.map((e) => e.id),
    )
    .execute();
  const findings = await tx
    .selectFrom('review_findings')
    .selectAll()
    .where('review_id', '=', review.id)
    .orderBy('created_at')
    .execute();
  const recs = await tx
    .selectFrom('review_recommendations')
    .selectAll()
    .where('review_id', '=', review.id)
    .orderBy('created_at')
    .execute();
  return {
    factors: await factorsOf(tx, review.partnership_id),
    entries: await entriesOf(tx, review.id),
    episodes: episodes.map((e) => ({
      id: e.id,
      title: e.title,
      whatHappened: e.what_happened,
      whatWasKnown: e.what_was_known,
      factors: e.factors,
      entryIds: links.filter((l) => l.episode_id === e.id).map((l) => l.entry_id),
    })),
    findings: findings.map((f) => ({
      id: f.id,
      episodeId: f.episode_id,
      title: f.title,
      text: f.text,
      themes: f.themes,
    })),
    recommendations: recs.map((r) => ({
      id: r.id,
      findingId: r.finding_id,
      text: r.text,
      owner: r.owner,
      dueOn: r.due_on,
      progress: r.progress,
      progressNote: r.progress_note,
      version: r.version,
    })),
  };
}

/** The analysis page's data. */
export async function readAnalysis(caller: ReviewCaller, reviewId: string): Promise<Analysis> {
  return inReview(caller, reviewId, 'read', 'review.view', 'analysis', async (tx, review) => ({
    review,
    ...(await analysisOf(tx, review)),
  }));
}

const list = z.preprocess(
  (v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
  z.array(z.string().max(100)).max(500),
);

export const episodeInput = z.object({
  title: text('the episode', 300),
  whatHappened: text('what happened', 20_000),
  whatWasKnown: text('what was known at the time', 20_000),
  factors: list,
  entries: list,
});

/** Records a key practice episode, linked to chronology entries of the review. */
export async function addEpisode(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const data = parseInput(episodeInput, input);
  await inReview(caller, reviewId, 'work', 'review.update', 'episode added', async (tx, review) => {
    const known = new Set((await factorsOf(tx, review.partnership_id)).map(([c]) => c));
    if (data.factors.some((f) => !known.has(f)))
      throw new ValidationError([{ field: 'factors', message: 'Select contributory factors from the list' }]);
    const entries = new Set((await entriesOf(tx, review.id)).map((e) => e.id));
    if (data.entries.some((e) => !entries.has(e)))
      throw new ValidationError([
        { field: 'entries', message: 'Select entries of this review’s chronology' },
      ]);
    const { id } = await tx
      .insertInto('review_episodes')
      .values({
        la_code: review.la_code,
        review_id: review.id,
        title: data.title,
        what_happened: data.whatHappened,
        what_was_known: data.whatWasKnown,
        factors: data.factors,
        created_by: caller.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (data.entries.length > 0)
      await tx
        .insertInto('review_episode_entries')
        .values(data.entries.map((e) => ({ episode_id: id, entry_id: e, la_code: review.la_code })))
        .execute();
  });
}

export const findingInput = z.object({
  title: text('the finding', 300),
  text: text('the finding in full', 20_000),
  episodeId: z.string().max(100).optional(),
  themes: list,
});

/** Records a finding (that generalises beyond the case), optionally from an episode; themes are factors. */
export async function addFinding(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const data = parseInput(findingInput, input);
  await inReview(caller, reviewId, 'work', 'review.update', 'finding added', async (tx, review) => {
    const { episodes, factors } = await analysisOf(tx, review);
    if (data.episodeId !== undefined && !episodes.some((e) => e.id === data.episodeId))
      throw new ValidationError([{ field: 'episodeId', message: 'Select an episode of this review' }]);
    if (data.themes.some((t) => !factors.some(([c]) => c === t)))
      throw new ValidationError([{ field: 'themes', message: 'Select themes from the list' }]);
    await tx
      .insertInto('review_findings')
      .values({
        la_code: review.la_code,
        review_id: review.id,
        episode_id: data.episodeId ?? null,
        title: data.title,
        text: data.text,
        themes: data.themes,
        created_by: caller.actor.userId,
      })
      .execute();
  });
}

export const recommendationInput = z.object({
  findingId: z.string().max(100).optional(),
  text: text('the recommendation', 10_000),
  owner: text('who owns it', 300),
  dueOn: dateRule('the due date', { earliest: EARLIEST_EVENT }),
});

/** Records a recommendation with its owner and due date. */
export async function addRecommendation(
  caller: ReviewCaller,
  reviewId: string,
  input: unknown,
): Promise<void> {
  const data = parseInput(recommendationInput, input);
  await inReview(caller, reviewId, 'work', 'review.update', 'recommendation added', async (tx, review) => {
    const { findings } = await analysisOf(tx, review);
    if (data.findingId !== undefined && !findings.some((f) => f.id === data.findingId))
      throw new ValidationError([{ field: 'findingId', message: 'Select a finding of this review' }]);
    await tx
      .insertInto('review_recommendations')
      .values({
        la_code: review.la_code,
        review_id: review.id,
        finding_id: data.findingId ?? null,
        text: data.text,
        owner: data.owner,
        due_on: data.dueOn,
        created_by: caller.actor.userId,
      })
      .execute();
  });
}

export const progressInput = z.object({
  progress: choice(['not-started', 'in-progress', 'complete'], 'Select the progress'),
  progressNote: optionalText(5_000),
  version: z.coerce.number().int().min(1),
});

/**
 * Records a recommendation's progress (tracked after publication too, by the business manager).
 * @throws ConflictError when someone else updated it first
 */
export async function updateProgress(
  caller: ReviewCaller,
  reviewId: string,
  recId: string,
  input: unknown,
): Promise<void> {
  const data = parseInput(progressInput, input);
  await inReview(
    caller,
    reviewId,
    'read',
    'review.update',
    `recommendation ${recId}: ${data.progress}`,
    async (tx, review) => {
      const mayTrack =
        can(caller.actor.roles, 'run_learning_reviews') ||
        (review.status === 'open' && (await isNamedReviewer(tx, review.id, caller.actor.userId)));
      if (!mayTrack) throw new NotFoundError('may not track this review’s recommendations');
      const res = await tx
        .updateTable('review_recommendations')
        .set((eb) => ({
          progress: data.progress,
          progress_note: data.progressNote ?? null,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', z.uuid().safeParse(recId).success ? recId : '00000000-0000-0000-0000-000000000000')
        .where('review_id', '=', review.id)
        .where('version', '=', data.version)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n)
        throw new ConflictError('Someone else updated this recommendation since you opened it');
    },
  );
}

/** Adds a contributory factor to the partnership's taxonomy (the business manager). */
export async function addTaxonomyFactor(
  caller: ReviewCaller,
  reviewId: string,
  input: unknown,
): Promise<void> {
  const { label } = parseInput(z.object({ label: text('the factor', 200) }), input);
  await inReview(caller, reviewId, 'run', 'review.update', `factor added: ${label}`, async (tx, review) => {
    await addFactor(tx, review.la_code, review.partnership_id, label);
  });
}
