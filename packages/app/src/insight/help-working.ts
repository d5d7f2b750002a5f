/**
 * "Is help working?" for the LA and each team: how goal scores change over the course of plans,
 * how often children are seen and seen alone at visits, re-referrals within 12 months, and what
 * families say (from the feedback capability). Read through the journey's and feedback's exported
 * functions; a month or team with fewer than 5 children (or answers) is not shown on its own, and
 * nothing is ever shown per worker.
 */
import type { Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { computeFeedbackTrends, SMALLEST_GROUP, type TrendRow } from '../feedback/trends.ts';
import { NotFoundError } from '../http/errors.ts';
import {
  goalScoreChangeByTeam,
  goalScoresByPlanMonth,
  reReferrals,
  visitsSeen,
  type ReferralCounts,
  type SeenCounts,
} from '../journey/practice-measures.ts';
import { defineSummary, readSummary, type Summary } from './summaries.ts';

export { SMALLEST_GROUP };

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const one = (v: number) => Math.round(v * 10) / 10;
const percent = (part: number, all: number) => (all === 0 ? null : Math.round((part / all) * 100));
const shown = (children: number) => children >= SMALLEST_GROUP;

export interface SeenRow {
  label: string;
  suppressed: boolean;
  visits: number | null;
  /** Per cent of visits where the child was seen (alone or not). */
  seen: number | null;
  seenAlone: number | null;
}

export interface ReferralRow {
  label: string;
  suppressed: boolean;
  referrals: number | null;
  reReferrals: number | null;
  /** Per cent of referrals that were re-referrals. */
  rate: number | null;
}

export interface HelpWorking {
  scoresByMonth: { label: string; value: number | null; suppressed: boolean }[];
  scoreTeams: {
    label: string;
    suppressed: boolean;
    goals: number | null;
    first: number | null;
    latest: number | null;
    change: number | null;
    improved: number | null;
  }[];
  seenMonths: SeenRow[];
  seenTeams: SeenRow[];
  referralMonths: ReferralRow[];
  referralTeams: ReferralRow[];
  feedbackMonths: TrendRow[];
  feedbackTeams: TrendRow[];
}

function seenRow(label: string, r: SeenCounts | undefined): SeenRow {
  const ok = r !== undefined && shown(r.children);
  return {
    label,
    suppressed: r !== undefined && !ok,
    visits: ok ? r.visits : r === undefined ? 0 : null,
    seen: ok ? percent(r.seen, r.visits) : null,
    seenAlone: ok ? percent(r.seenAlone, r.visits) : null,
  };
}

function referralRow(label: string, r: ReferralCounts | undefined): ReferralRow {
  const ok = r !== undefined && shown(r.children);
  return {
    label,
    suppressed: r !== undefined && !ok,
    referrals: ok ? r.referrals : r === undefined ? 0 : null,
    reReferrals: ok ? r.reReferrals : null,
    rate: ok ? percent(r.reReferrals, r.referrals) : null,
  };
}

/** The last 12 months as `YYYY-MM` keys and labels, oldest first. */
function lastMonths(now: Date): { key: string; label: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
    return { key: d.toISOString().slice(0, 7), label: monthLabel.format(d) };
  });
}

/** Works the LA's "Is help working?" measures out (the summary's compute; see summaries.ts). */
export async function computeHelpWorking(tx: Tx, laCode: string, now: Date): Promise<HelpWorking> {
  const months = lastMonths(now);
  const since = `${months[0]!.key}-01`;
  const measures = {
    scores: await goalScoresByPlanMonth(tx, laCode, since),
    change: await goalScoreChangeByTeam(tx, laCode, since),
    seen: await visitsSeen(tx, laCode, since),
    referrals: await reReferrals(tx, laCode, since),
  };
  const feedback = await computeFeedbackTrends(tx, laCode, now);
  return {
    scoresByMonth: Array.from({ length: 13 }, (_, m) => {
      const r = measures.scores.find((x) => x.month === m);
      const ok = r !== undefined && shown(r.children);
      return {
        label: m === 12 ? 'Month 13 and after' : `Month ${m + 1}`,
        value: ok ? one(r.average) : null,
        suppressed: r !== undefined && !ok,
      };
    }),
    scoreTeams: measures.change.map((r) => {
      const ok = shown(r.children);
      return {
        label: r.team,
        suppressed: !ok,
        goals: ok ? r.goals : null,
        first: ok ? one(r.first) : null,
        latest: ok ? one(r.latest) : null,
        change: ok ? one(r.latest - r.first) : null,
        improved: ok ? percent(r.improved, r.goals) : null,
      };
    }),
    seenMonths: months.map((m) =>
      seenRow(
        m.label,
        measures.seen.months.find((r) => r.group === m.key),
      ),
    ),
    seenTeams: measures.seen.teams.map((r) => seenRow(r.group, r)),
    referralMonths: months.map((m) =>
      referralRow(
        m.label,
        measures.referrals.months.find((r) => r.group === m.key),
      ),
    ),
    referralTeams: measures.referrals.teams.map((r) => referralRow(r.group, r)),
    feedbackMonths: feedback.months,
    feedbackTeams: feedback.teams,
  };
}

defineSummary('help', (tx, laCode, _scope, now) => computeHelpWorking(tx, laCode, now));

/**
 * The LA's "Is help working?" measures, as last worked out (summaries.ts).
 * @throws NotFoundError without see_practice_insight
 */
export async function helpWorking(
  db: Kysely<Schema>,
  actor: Actor,
  now = new Date(),
): Promise<Summary<HelpWorking>> {
  if (!can(actor.roles, 'see_practice_insight'))
    throw new NotFoundError('no see_practice_insight capability');
  return inTenant(db, actor.laCode, (tx) => readSummary<HelpWorking>(tx, actor.laCode, 'help', 'la', now));
}
