/**
 * One child with a long looked-after history (about five years, ~1,000 timeline events: frequent
 * visits and case notes, missing episodes, placement moves, reviews), for the journey benchmark.
 * Fixed id, so the benchmark and the docs can name the child.
 */
import type { Action } from './actions.ts';
import type { Family } from './family.ts';
import { JourneyPlanner, type PlanInput } from './journey-plan.ts';
import { addDays, daysBetween } from './random.ts';

export const LONG_CHILD_ID = 'd0000000-0000-4000-8000-000000001000';

const PLACEMENTS = ['U6', 'U4', 'K2', 'U6', 'K2', 'U4'];

class LongHistory extends JourneyPlanner {
  /** Plans until about `target` actions (each one a timeline event). */
  history(target: number): Action[] {
    const today = this.p.today;
    const start = addDays(today, -1800);
    const at = (n: number) => addDays(start, n);
    this.emit({ at: start, type: 'allocate', to: 'front-door', reason: 'Contact received' });
    this.step(
      start,
      'contact',
      {
        receivedOn: start,
        source: '6',
        worries: 'Found by police at 2am in the town centre; said they would not go home.',
      },
      {},
      'front-door',
    );
    this.step(
      start,
      'contact-decision',
      {
        decidedOn: start,
        decision: 'referral',
        primaryNeed: 'N1',
        reason: 'Significant worries about the child’s safety at home.',
      },
      {},
      'front-door',
    );
    this.emit({ at: start, type: 'allocate', to: 'case', reason: 'Referral accepted' });
    this.step(start, 'assessment', { startedOn: start });
    this.step(at(2), 'assessment-complete', {
      completedOn: at(2),
      outcome: 'looked-after',
      factors: ['3B', '4B', '10A'],
      analysis: 'The child cannot safely return home tonight and no family member can care for them.',
    });
    this.step(at(3), 'care-start', {
      startedOn: at(3),
      categoryOfNeed: 'N1',
      legalStatus: 'V2',
      placementType: 'U6',
      provider: 'Emergency foster carers',
    });
    this.goals('care', at(3));
    let status = 'V2';
    let move = 0;
    const days = daysBetween(start, today);
    for (let n = 4; n < days && this.actions.length < target; n++) {
      const d = at(n);
      if (n === 40 || n === 300) {
        status = n === 40 ? 'C1' : 'C2';
        this.step(d, 'care-change', {
          changedOn: d,
          legalStatus: status,
          placementType: PLACEMENTS[move % PLACEMENTS.length],
          reason: n === 40 ? 'Interim care order made.' : 'Full care order made.',
        });
      } else if (n % 120 === 0) {
        move++;
        this.step(d, 'care-change', {
          changedOn: d,
          legalStatus: status,
          placementType: PLACEMENTS[move % PLACEMENTS.length],
          provider: `Placement ${move + 1}`,
          reason: 'The placement ended at the carers’ request.',
        });
      }
      if (n === 20 || n === 90 || (n > 90 && (n - 90) % 182 === 0))
        this.step(d, 'care-review', {
          heldOn: d,
          participation: this.r.weighted([
            ['PN1', 3],
            ['PN6', 1],
            ['PN7', 1],
          ] as const),
          summary: 'Care plan reviewed by the independent reviewing officer.',
        });
      if (n % 91 === 45) this.planReview('care', d);
      if (n % 45 === 10) {
        const back = addDays(d, this.r.int(0, 3));
        this.step(d, 'missing', {
          kind: this.r.chance(0.7) ? 'missing' : 'away',
          startedOn: d,
          endedOn: back,
          returnInterview: this.r.weighted([
            ['accepted', 3],
            ['declined', 2],
            ['not-offered', 1],
          ] as const),
          summary: 'Did not return to the placement after school; found by police.',
        });
      }
      if (n % 5 === 0) this.visit(d);
      if (n % 3 === 0) this.note(d);
    }
    return this.actions;
  }
}

/** The long history for the only child of `family`, who must be about 16 (see `longChildFamily`). */
export function planLongChild(input: PlanInput, target = 1000): Action[] {
  return new LongHistory(input).history(target);
}

/** Makes the family's first child the long-history child: fixed id, aged 16, living in care. */
export function asLongChildFamily(f: Family, today: string): Family {
  const child = f.subjects[0]!;
  child.id = LONG_CHILD_ID;
  child.input = { ...child.input, dateOfBirth: addDays(today, -(16 * 365 + 100)) };
  return { ...f, subjects: [child] };
}
