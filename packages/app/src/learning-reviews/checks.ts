/**
 * The checks before publication, in order, each signed by a named person holding the role for it:
 * the welfare of surviving children and siblings (publish in full, a summary only, or delay, with
 * the reason), court orders and reporting restrictions, the family told and their views, the data
 * protection officer's check, the Panel and the Secretary of State given notice (the date), and
 * the partnership's approval. Separation of duties: the data protection officer signs nothing
 * else, and whoever approves signed none of the business manager's checks; nobody involved with
 * the children signs at all. Then publication, refused until every check passes and the
 * publishable text passes its re-check; and withdrawal, kept in the audit.
 */
import { z } from 'zod';
import { can, type Capability } from '../access/capabilities.ts';
import type { Tx } from '../db/tenant.ts';
import type { CheckName } from '../db/schema-learning-reviews.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { dateRule, EARLIEST_EVENT } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { text } from '../journey/fields.ts';
import {
  publishReview as publishToRepository,
  withdrawReview as withdrawFromRepository,
  type PublishReviewInput,
} from '../review-repository/index.ts';
import { codes, regions, themes } from '../review-repository/vocabulary.ts';
import {
  audit,
  inReview,
  involvedWith,
  subjectChildren,
  type ReviewCaller,
  type ReviewRow,
} from './access.ts';
import { analysisOf } from './analysis.ts';
import { redactionOf } from './redaction.ts';

export interface CheckSpec {
  name: CheckName;
  title: string;
  capability: Capability;
  /** Checks whose signer may not sign this one. */
  separateFrom: readonly CheckName[];
}

/** The checks, in the order they are signed. */
export const CHECKS: readonly CheckSpec[] = [
  {
    name: 'welfare',
    title: 'The welfare of surviving children and siblings considered',
    capability: 'approve_learning_reviews',
    separateFrom: ['data-protection'],
  },
  {
    name: 'court-orders',
    title: 'Court orders and reporting restrictions checked',
    capability: 'run_learning_reviews',
    separateFrom: ['data-protection', 'approval'],
  },
  {
    name: 'family',
    title: 'The family told and their views recorded',
    capability: 'run_learning_reviews',
    separateFrom: ['data-protection', 'approval'],
  },
  {
    name: 'data-protection',
    title: 'The data protection officer’s check',
    capability: 'check_learning_review_data_protection',
    separateFrom: ['welfare', 'court-orders', 'family', 'panel-notice', 'approval'],
  },
  {
    name: 'panel-notice',
    title: 'The Panel and the Secretary of State given notice before publication',
    capability: 'run_learning_reviews',
    separateFrom: ['data-protection', 'approval'],
  },
  {
    name: 'approval',
    title: 'The partnership’s approval',
    capability: 'approve_learning_reviews',
    separateFrom: ['court-orders', 'family', 'data-protection', 'panel-notice'],
  },
];

export const welfareDecisions = {
  'in-full': 'Publish in full',
  'summary-only': 'Publish a summary only',
  delay: 'Delay publication',
} as const;

export interface SignedCheck {
  name: CheckName;
  decision: string | null;
  reason: string;
  noticeOn: string | null;
  signedBy: string;
  signedById: string;
  signedAt: Date;
}

export async function signedChecks(tx: Tx, reviewId: string): Promise<SignedCheck[]> {
  const rows = await tx
    .selectFrom('review_signoffs as s')
    .innerJoin('users as u', 'u.id', 's.signed_by')
    .select(['s.check_name', 's.decision', 's.reason', 's.notice_on', 's.signed_by', 's.signed_at', 'u.name'])
    .where('s.review_id', '=', reviewId)
    .execute();
  return rows.map((r) => ({
    name: r.check_name,
    decision: r.decision,
    reason: r.reason,
    noticeOn: r.notice_on,
    signedBy: r.name,
    signedById: r.signed_by,
    signedAt: r.signed_at,
  }));
}

/** Why the review cannot be published now (empty when it can), given its checks and redaction. */
export function publicationProblems(
  review: ReviewRow,
  signed: readonly SignedCheck[],
  textProblems: readonly string[] | null,
): string[] {
  const out: string[] = [];
  if (review.decision !== 'local-review') out.push('There is no decision on a local review');
  if (textProblems === null) out.push('There is no report yet');
  else out.push(...textProblems);
  for (const c of CHECKS)
    if (!signed.some((s) => s.name === c.name)) out.push(`Not yet signed: ${c.title.toLowerCase()}`);
  if (signed.find((s) => s.name === 'welfare')?.decision === 'delay')
    out.push('The welfare decision is to delay publication');
  if (review.published_at !== null && review.withdrawn_at === null)
    out.push('The review is already published');
  return out;
}

export const signInput = z.object({
  decision: z.string().max(40).optional(),
  reason: text('the reason or what was found', 10_000),
  noticeOn: dateRule('the date notice was given', { when: 'past', earliest: EARLIEST_EVENT }).optional(),
});

/**
 * Signs one check as the caller. Refused (field errors) when an earlier check is unsigned, the
 * caller does not hold the role for it, signed a check it must be separate from, or was involved
 * with the children. Each check is signed once.
 */
export async function signCheck(
  caller: ReviewCaller,
  reviewId: string,
  check: string,
  input: unknown,
): Promise<void> {
  const spec = CHECKS.find((c) => c.name === check);
  if (spec === undefined) throw new NotFoundError(`no check ${check}`);
  const data = parseInput(signInput, input);
  await inReview(
    caller,
    reviewId,
    'read',
    'review.sign_off',
    `check signed: ${spec.name}`,
    async (tx, review) => {
      const refuse = (message: string, field = 'reason') => {
        throw new ValidationError([{ field, message }]);
      };
      if (!can(caller.actor.roles, spec.capability)) refuse('You do not hold the role that signs this check');
      const signed = await signedChecks(tx, review.id);
      if (signed.some((s) => s.name === spec.name)) refuse('This check is already signed');
      const earlier = CHECKS.slice(0, CHECKS.indexOf(spec)).find(
        (c) => !signed.some((s) => s.name === c.name),
      );
      if (earlier !== undefined) refuse(`Sign the checks in order: first, ${earlier.title.toLowerCase()}`);
      const clash = signed.find(
        (s) => s.signedById === caller.actor.userId && spec.separateFrom.includes(s.name),
      );
      if (clash !== undefined)
        refuse(
          `You signed “${CHECKS.find((c) => c.name === clash.name)!.title}”, so someone else must sign this check`,
        );
      if (await involvedWith(tx, caller.actor.userId, await subjectChildren(tx, review.id)))
        refuse('You were involved with a child of the review, so cannot sign its checks');
      if (spec.name === 'welfare' && !(data.decision !== undefined && data.decision in welfareDecisions))
        refuse('Select the decision on publication', 'decision');
      if (spec.name === 'panel-notice' && data.noticeOn === undefined)
        refuse('Enter the date notice was given', 'noticeOn');
      if (spec.name === 'data-protection' || spec.name === 'approval') {
        const state = await redactionOf(tx, caller, review);
        if (state === null || state.problems.length > 0)
          refuse(
            `The publishable text is not ready: ${(state?.problems ?? ['there is no report yet']).join('; ')}`,
          );
      }
      await tx
        .insertInto('review_signoffs')
        .values({
          review_id: review.id,
          check_name: spec.name,
          la_code: review.la_code,
          decision: spec.name === 'welfare' ? (data.decision ?? null) : null,
          reason: data.reason,
          notice_on: spec.name === 'panel-notice' ? (data.noticeOn ?? null) : null,
          signed_by: caller.actor.userId,
        })
        .execute();
    },
  );
}

/** The checks page: each check, signed or who may sign it next, and what stands in the way. */
export async function readChecks(caller: ReviewCaller, reviewId: string) {
  return inReview(caller, reviewId, 'read', 'review.view', 'checks', async (tx, review) => {
    const signed = await signedChecks(tx, review.id);
    const state = await redactionOf(tx, caller, review);
    const next = CHECKS.find((c) => !signed.some((s) => s.name === c.name));
    return {
      review,
      checks: CHECKS.map((c) => ({
        ...c,
        signed: signed.find((s) => s.name === c.name) ?? null,
        mayBeSignedByCaller: next?.name === c.name && can(caller.actor.roles, c.capability),
      })),
      problems: publicationProblems(review, signed, state?.problems ?? null),
      publication:
        review.published_id === null
          ? null
          : {
              publicId: review.published_id,
              publishedAt: review.published_at,
              withdrawnAt: review.withdrawn_at,
              withdrawnReason: review.withdrawn_reason,
            },
    };
  });
}

const ageBandOf = (dob: string | undefined, on: string): AgeBandCode => {
  if (dob === undefined || dob > on) return 'unborn';
  const age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0);
  return age < 1 ? 'under-1' : age < 5 ? '1-4' : age < 11 ? '5-10' : age < 16 ? '11-15' : '16-17';
};
type AgeBandCode = PublishReviewInput['ageBand'];

/** The publishable Markdown as the repository's sections: one per `##` heading, the title left out. */
export function sectionsOf(markdown: string): { heading: string; text: string }[] {
  const out: { heading: string; text: string }[] = [];
  let current: { heading: string; lines: string[] } = { heading: 'Introduction', lines: [] };
  const flush = () => {
    const text = current.lines.join('\n').trim();
    if (text !== '') out.push({ heading: current.heading, text });
  };
  for (const line of markdown.split('\n')) {
    const h = /^(#{1,2})\s+(.+)$/.exec(line);
    if (h !== null && h[1] === '##') {
      flush();
      current = { heading: h[2]!.trim(), lines: [] };
    } else if (h === null) current.lines.push(line.replace(/^#{3,6}\s+/, ''));
  }
  flush();
  return out;
}

export const publishInput = z.object({
  region: z.enum(codes(regions), { error: 'Select the region' }),
  themes: z.preprocess(
    (v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z.array(z.enum(codes(themes))).min(1, 'Select at least one theme'),
  ),
});

/**
 * Publishes the review to the public repository (`review-repository` publishReview, in this
 * transaction): re-checks everything first (every check signed, welfare not delayed, the
 * publishable text produced now with no cast name, alias, identifier or address and no unresolved
 * span or risk). The text goes by section; a summary-only decision publishes the background
 * alone. Only the business manager.
 * @throws ValidationError naming what stands in the way
 */
export async function publishLearningReview(
  caller: ReviewCaller,
  reviewId: string,
  input: unknown,
): Promise<string> {
  const data = parseInput(publishInput, input);
  return inReview(caller, reviewId, 'run', null, 'publish', async (tx, review) => {
    const signed = await signedChecks(tx, review.id);
    const state = await redactionOf(tx, caller, review);
    const problems = publicationProblems(review, signed, state?.problems ?? null);
    if (problems.length > 0 || state === null)
      throw new ValidationError(problems.map((message) => ({ field: 'publish', message })));
    const a = await analysisOf(tx, review);
    const partnership = await tx
      .selectFrom('safeguarding_partnerships')
      .select(['name'])
      .where('id', '=', review.partnership_id)
      .executeTakeFirstOrThrow();
    const la = await tx
      .selectFrom('local_authorities')
      .select('name')
      .where('la_code', '=', review.la_code)
      .executeTakeFirstOrThrow();
    const sections = sectionsOf(state.redacted);
    const summaryOnly = signed.find((s) => s.name === 'welfare')?.decision === 'summary-only';
    const summary = (sections[0]?.text ?? state.redacted)
      .split(/\n\s*\n/)
      .slice(0, 2)
      .join('\n\n')
      .slice(0, 10_000);
    const label = (c: string) => a.factors.find(([k]) => k === c)?.[1] ?? c;
    const children = state.cast.people.filter((p) => p.role === 'child');
    // The published findings are the redacted report's (their text is checked with it): by title.
    const { publicId } = await publishToRepository(
      tx,
      caller.actor,
      {
        sourceReviewId: review.id,
        title: review.title,
        partnership: partnership.name,
        region: data.region,
        localAuthority: la.name,
        publishedOn: new Date().toISOString().slice(0, 10),
        reviewType: 'local-cspr',
        ageBand: ageBandOf(children[0]?.dob, review.incident_on),
        themes: data.themes,
        summary,
        sections: summaryOnly ? [{ heading: 'Summary', text: summary }] : sections,
        findings: a.findings
          .filter((f) => state.redacted.includes(f.title))
          .map((f) => ({ text: f.title, factors: f.themes.map((c) => ({ code: c, label: label(c) })) })),
      },
      caller.meta,
    );
    await tx
      .updateTable('learning_reviews')
      .set({
        published_at: new Date(),
        published_id: publicId,
        withdrawn_at: null,
        withdrawn_reason: null,
        version: review.version + 1,
      })
      .where('id', '=', review.id)
      .execute();
    await audit(tx, caller, 'review.update', 'success', review.id, `published as ${publicId}`);
    return publicId;
  });
}

/** Withdraws a published review, with the reason (kept by the repository, and in the audit). Only the business manager. */
export async function withdrawLearningReview(
  caller: ReviewCaller,
  reviewId: string,
  input: unknown,
): Promise<void> {
  const { reason } = parseInput(z.object({ reason: text('why the review is withdrawn', 2_000) }), input);
  await inReview(caller, reviewId, 'run', null, 'withdraw', async (tx, review) => {
    if (review.published_id === null || review.withdrawn_at !== null)
      throw new ValidationError([{ field: 'reason', message: 'The review is not published' }]);
    await withdrawFromRepository(tx, caller.actor, review.published_id, reason, caller.meta);
    await tx
      .updateTable('learning_reviews')
      .set({ withdrawn_at: new Date(), withdrawn_reason: reason, version: review.version + 1 })
      .where('id', '=', review.id)
      .execute();
    await audit(tx, caller, 'review.update', 'success', review.id, `withdrawn: ${reason}`);
  });
}
