/**
 * The child in need episode each period of a 903 child's care sits in. A looked-after child is a
 * child in need, so care needs an episode open on its days; the 903 is imported after the CIN
 * census, whose episodes are already in the record, and a real council's two files disagree:
 *
 * - care inside an episode of the record: in that episode (found by the care step's day, so an
 *   earlier, closed episode takes its own care);
 * - care that starts before an episode's referral and runs into it: that episode is extended back
 *   to the day care began (`extendEpisodeBack`; the census's referral date is kept on its contact,
 *   and said in the report);
 * - care with no episode at all on its days: an episode is opened for it through the journey's
 *   front-door steps on the day care began, and closed on the day care ended (if it did), with the
 *   closure reason that fits why care ended.
 */
import type { Tx } from '../db/tenant.ts';
import { episodeOpenOn, episodeReferredBetween, extendEpisodeBack } from '../journey/referrals.ts';
import type { JourneyState } from '../journey/state.ts';
import type { ImportStep } from './cin-steps.ts';

const FROM = 'Imported from the SSDA903 return';

/** Why care ended (903 REC) → why the episode opened for it closed (CIN RC). */
function closureReasonOf(rec: string): string {
  if (rec === 'E11' || rec === 'E12') return 'RC1';
  if (rec === 'E2') return 'RC2';
  if (['E41', 'E45', 'E46', 'E47', 'E48'].includes(rec)) return 'RC3';
  if (rec === 'E43' || rec === 'E44') return 'RC4';
  if (rec === 'E3') return 'RC6';
  return 'RC7';
}

/**
 * Gives `steps` (the child's 903 steps, oldest first) the episodes their care needs: extends an
 * episode back, or adds the front-door and closure steps of a new one. Returns the steps to take.
 */
export async function withEpisodesForCare(
  tx: Tx,
  personId: string,
  steps: readonly ImportStep[],
  findings: string[],
): Promise<ImportStep[]> {
  const out: ImportStep[] = [];
  const closures = new Map<number, ImportStep>();
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'care-start') {
      out.push(s);
      continue;
    }
    const end = steps.slice(i + 1).find((n) => n.kind === 'care-end' || n.kind === 'care-start');
    const endsOn = end?.kind === 'care-end' ? end.on : null;
    if ((await episodeOpenOn(tx, personId, s.on)) !== null) {
      out.push(s);
      continue;
    }
    const later = await episodeReferredBetween(tx, personId, s.on, endsOn);
    if (later !== null) {
      await extendEpisodeBack(tx, later.id, s.on);
      findings.push(
        `Care from ${s.on} began before the CIN episode referred on ${later.on}: the episode now starts on ${s.on}, when the child became looked after`,
      );
      out.push(s);
      continue;
    }
    findings.push(
      `Care from ${s.on} had no CIN episode in the record: one was opened that day${endsOn === null ? '' : ` and closed when care ended on ${endsOn}`}`,
    );
    const need = s.input.categoryOfNeed;
    out.push(
      { kind: 'contact', on: s.on, input: { receivedOn: s.on, source: '10', worries: FROM } },
      {
        kind: 'contact-decision',
        on: s.on,
        input: {
          decidedOn: s.on,
          decision: 'referral',
          ...(typeof need === 'string' ? { primaryNeed: need } : {}),
          reason: `${FROM}: the child became looked after`,
        },
      },
      s,
    );
    if (end?.kind === 'care-end') {
      const j = steps.indexOf(end);
      // Closed straight after care ends: the closure is put in place after the care-end step.
      closures.set(j, {
        kind: 'closure',
        on: end.on,
        input: {
          closedOn: end.on,
          closureReason: closureReasonOf(String(end.input.reasonEnd)),
          note: `${FROM}: care ended`,
        },
      });
    }
  }
  return out.flatMap((s) => {
    const j = steps.indexOf(s);
    const c = closures.get(j);
    return c === undefined ? [s] : [s, c];
  });
}

/**
 * The journey state a 903 step sees: the CIN episode open on the step's day, rather than the one
 * open now. An earlier episode's own plans and enquiries are not the current episode's: a step in
 * it sees none of them (so closing it ends nothing of the current episode).
 */
export async function stateOnStepDay(tx: Tx, s: ImportStep, now: JourneyState): Promise<JourneyState> {
  const ep = await episodeOpenOn(tx, now.personId, s.on);
  if (ep?.id === now.openEpisode?.id) return now;
  return {
    ...now,
    openEpisode: ep,
    openAssessment: null,
    completedAssessments: 0,
    strategyForS47: null,
    openS47: null,
    s47ForConference: null,
    activeCpPlan: null,
    activeCinPlan: null,
  };
}
