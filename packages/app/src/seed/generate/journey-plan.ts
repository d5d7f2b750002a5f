/**
 * Plans one child's journey as dated actions that follow the statutory path and the domain's rules
 * between steps. Proportions follow the national figures in the domain brief (CIN census and
 * SSDA903): what contacts lead to, re-referrals within 12 months (~22%), assessments leading to
 * s47 enquiries, conferences and plans, CP categories (neglect and emotional abuse most common),
 * looked-after legal statuses and placements, and closure reasons.
 *
 * Two random sources: `fam` decides the path (brothers and sisters drawn from the same seed share
 * it), `r` the details of this child's records. Actions are emitted in date order and stop at
 * today, so a case can be open now; at 18 an open case is wound down and closed.
 */
import type { Action, By } from './actions.ts';
import type { Family, Member } from './family.ts';
import {
  analysis,
  caseNote,
  childSaid,
  contactWorries,
  fill,
  visitSummary,
  type Scene,
} from './narrative.ts';
import type { MarkedText } from './note-builder.ts';
import { addDays, ageOn, type Random, weekday } from './random.ts';
import { GOALS } from './templates.ts';
import { Tables as P } from './proportions.ts';

class Stop extends Error {}

/** Steps after which an episode is no longer one "closed after assessment" (RC8, RC9). */
const BEYOND_ASSESSMENT = new Set(['s47', 'initial-conference', 'cin-plan', 'care-start']);

export interface PlanInput {
  fam: Random;
  r: Random;
  family: Family;
  child: Member;
  scene: Omit<Scene, 'on' | 'r' | 'child' | 'family'>;
  today: string;
  /** Earliest date the journey may start. */
  from: string;
}

export class JourneyPlanner {
  readonly actions: Action[] = [];
  protected readonly limit: string;
  private readonly ageLimit: string | null;
  protected cursor: string;
  private timescales = 0;
  // What is open, mirrored from the steps emitted, to wind down at 18.
  private open = {
    episode: false,
    assessment: false,
    s47: false,
    cp: false,
    care: false,
    eh: false,
    cin: false,
  };
  private episodeAssessed = false;
  // A section 47, plan or care in the episode: it was not "closed after assessment" (CIN rule 2990).
  private episodeBeyondAssessment = false;
  private referrals = 0;
  private planKinds = new Set<'cp' | 'cin' | 'care' | 'early-help'>();

  constructor(protected readonly p: PlanInput) {
    const dob = p.child.input.dateOfBirth;
    this.ageLimit = dob === undefined ? null : addDays(`${Number(dob.slice(0, 4)) + 18}${dob.slice(4)}`, -1);
    this.limit = this.ageLimit !== null && this.ageLimit < p.today ? this.ageLimit : p.today;
    this.cursor = p.from;
  }

  protected get fam() {
    return this.p.fam;
  }
  protected get r() {
    return this.p.r;
  }
  protected age(on: string): number {
    const dob = this.p.child.input.dateOfBirth;
    return dob === undefined ? -1 : ageOn(dob, on);
  }
  protected scene(on: string): Scene {
    return { ...this.p.scene, r: this.r, family: this.p.family, child: this.p.child, on };
  }

  /** Moves the cursor to `at` and records the action; stops the plan past today or the 18th birthday. */
  protected emit(a: Action): void {
    if (a.at > this.limit) throw new Stop();
    if (a.at < this.cursor) a.at = this.cursor;
    this.cursor = a.at;
    this.actions.push(a);
  }
  protected step(
    at: string,
    kind: string,
    input: Record<string, unknown>,
    extra: Partial<Action> = {},
    by: By = 'worker',
  ) {
    this.emit({ at, type: 'step', kind, by, input, ...extra } as Action);
    if (BEYOND_ASSESSMENT.has(kind)) this.episodeBeyondAssessment = true;
  }
  protected marked(field: string, m: MarkedText): Record<string, MarkedText> {
    return { [field]: m };
  }

  /** Plans the whole journey: one or more contacts, each with what followed. */
  plan(): Action[] {
    try {
      let at = this.p.from;
      let reReferral = false;
      for (let cycle = 0; cycle < 4; cycle++) {
        const referred = this.referrals;
        const ended = this.cycle(at, cycle, undefined, reReferral);
        // A closed referral is followed by another within 12 months about a third of the time,
        // so that about a fifth of all referrals are re-referrals (the national figure).
        reReferral = this.referrals > referred && this.fam.chance(P.reReferralAfterClosure);
        if (reReferral) at = addDays(ended, this.fam.int(14, 150));
        else if (this.fam.chance(0.1)) at = addDays(ended, this.fam.int(366, 800));
        else break;
      }
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      if (this.ageLimit !== null && this.ageLimit <= this.p.today) this.windDown(this.ageLimit);
    }
    return this.actions;
  }

  /** One contact and what followed it; returns the date it all ended. */
  private cycle(at: string, n: number, source?: string, isReReferral = false): string {
    const src = source ?? this.fam.weighted(P.referralSources);
    const contactOn = at;
    if (n === 0) this.emit({ at: contactOn, type: 'allocate', to: 'front-door', reason: 'Contact received' });
    const worries = contactWorries(this.scene(contactOn), src);
    this.step(
      contactOn,
      'contact',
      { receivedOn: contactOn, source: src, raisedBy: raisedBy(src), worries: worries.text },
      { marked: this.marked('worries', worries) },
      'front-door',
    );
    const decidedOn = addDays(contactOn, this.fam.int(0, 2));
    const unborn = this.p.child.input.kind === 'unborn';
    let decision =
      source !== undefined || isReReferral
        ? 'referral'
        : this.fam.weighted(unborn ? P.prebirthDecisions : P.contactDecisions);
    if (decision === 'early-help' && this.open.eh) decision = 'advice';
    const need = this.fam.weighted(P.primaryNeeds);
    this.step(
      decidedOn,
      'contact-decision',
      {
        decidedOn,
        decision,
        ...(decision === 'referral' ? { primaryNeed: need } : {}),
        reason: P.decisionReasons[decision]!,
      },
      {},
      'front-door',
    );
    if (decision === 'nfa' || decision === 'advice') return decidedOn;
    if (decision === 'early-help') {
      this.open.eh = true;
      this.planKinds.add('early-help');
      const ended = this.earlyHelp(decidedOn);
      if (ended.stepUp) return this.cycle(addDays(ended.on, this.fam.int(1, 10)), n + 1, '5D');
      return ended.on;
    }
    // A referral: a child in need episode, allocated to a social worker.
    this.referrals++;
    this.open.episode = true;
    this.episodeAssessed = false;
    this.episodeBeyondAssessment = false;
    this.emit({
      at: decidedOn,
      type: 'allocate',
      to: 'case',
      reason: 'Referral accepted: allocated for assessment',
    });
    if (this.fam.chance(P.referralNfa)) return this.close(addDays(decidedOn, this.fam.int(1, 10)), 'RC7');
    const outcome = this.fam.chance(P.straightToStrategy) ? 'strategy' : this.assessment(decidedOn);
    return this.afterAssessment(outcome, this.cursor, false);
  }

  private afterAssessment(outcome: string, on: string, escalated: boolean): string {
    const unborn = this.p.child.input.kind === 'unborn';
    switch (outcome) {
      case 'nfa':
        return this.close(addDays(on, this.fam.int(0, 7)), this.episodeAssessed ? 'RC8' : 'RC7');
      case 'early-help': {
        const closed = this.close(addDays(on, this.fam.int(0, 5)), this.episodeAssessed ? 'RC9' : 'RC7');
        if (this.open.eh) return closed;
        this.step(closed, 'early-help', {
          startedOn: closed,
          origin: 'step-down',
          leadProfessional: 'Family support worker, Early Help Hub',
          reason: 'Stepped down after assessment: help with routines, school attendance and money.',
        });
        this.open.eh = true;
        return this.earlyHelp(closed).on;
      }
      case 'cin-plan':
        return this.cinPlan(addDays(on, this.fam.int(0, 10)), escalated);
      case 'looked-after':
        if (unborn) return this.cinPlan(addDays(on, this.fam.int(0, 10)), escalated);
        return this.care(addDays(on, this.fam.int(0, 3)));
      default:
        return this.protection(addDays(on, this.fam.int(0, 5)), escalated);
    }
  }

  /** A child and family assessment; returns its outcome. */
  private assessment(from: string): string {
    const startedOn = addDays(from, this.fam.int(0, 5));
    this.open.assessment = true;
    const outcome = this.fam.weighted(P.assessmentOutcomes);
    const days = this.fam.int(10, 60);
    const key = `ts${this.timescales++}`;
    this.step(startedOn, 'assessment', { startedOn });
    if (this.fam.chance(0.6))
      this.step(
        startedOn,
        'timescale',
        {
          subject: 'Finish the assessment',
          dueOn: addDays(startedOn, days + this.fam.int(-5, 10)),
          reason: P.timescaleReasons[this.fam.int(0, P.timescaleReasons.length - 1)]!,
        },
        { timescaleKey: key },
      );
    const visits = this.fam.int(1, 3);
    for (let i = 1; i <= visits; i++) this.visit(addDays(startedOn, Math.floor((days * i) / (visits + 1))));
    const completedOn = addDays(startedOn, days);
    const a = analysis(this.scene(completedOn), outcome);
    this.step(
      completedOn,
      'assessment-complete',
      {
        completedOn,
        outcome,
        factors: this.factors(outcome),
        analysis: a.text,
        childDevelopment: 'Meeting most milestones; some delay in speech and language.',
        parentingCapacity: P.parenting[this.r.int(0, P.parenting.length - 1)]!,
        familyEnvironment: 'Rented flat; money is tight; some support from extended family.',
      },
      { marked: this.marked('analysis', a) },
    );
    if (this.actions.some((x) => x.type === 'step' && x.timescaleKey === key && x.kind === 'timescale'))
      this.step(completedOn, 'timescale-met', { completedOn }, { timescaleKey: key });
    this.open.assessment = false;
    this.episodeAssessed = true;
    return outcome;
  }

  private factors(outcome: string): string[] {
    if (outcome === 'nfa' && this.fam.chance(0.3)) return ['21'];
    return [...new Set(this.fam.some(P.factors, this.fam.int(1, 4)))];
  }

  /** Strategy discussion and section 47 enquiry, then a conference, a plan, or closure. */
  private protection(on: string, escalated: boolean): string {
    const heldOn = weekday(on);
    const s47 = this.fam.chance(0.9);
    this.step(heldOn, 'strategy', {
      heldOn,
      attendees:
        'Social worker, team manager, police (child abuse investigation team), school designated safeguarding lead, health',
      decision: s47 ? 's47' : 'no-s47',
      reason: s47
        ? 'Reasonable cause to suspect significant harm.'
        : 'Threshold for a section 47 enquiry not met; continue the child in need assessment.',
    });
    if (!s47) return this.cinPlan(addDays(heldOn, this.fam.int(3, 20)), escalated);
    const startedOn = addDays(heldOn, this.fam.int(0, 1));
    this.open.s47 = true;
    this.step(startedOn, 's47', { startedOn });
    const completedOn = addDays(startedOn, this.fam.int(5, 20));
    this.visit(addDays(startedOn, 1));
    const outcome = this.fam.weighted(P.s47Outcomes);
    this.step(completedOn, 's47-complete', { completedOn, outcome, reason: P.s47Reasons[outcome]! });
    this.open.s47 = false;
    if (outcome === 'nfa')
      return this.close(addDays(completedOn, this.fam.int(1, 10)), this.episodeAssessed ? 'RC8' : 'RC7');
    if (outcome === 'cin-plan') return this.cinPlan(addDays(completedOn, this.fam.int(0, 7)), escalated);
    const icpc = weekday(addDays(completedOn, this.fam.int(7, 21)));
    const plan = this.fam.chance(P.icpcToPlan);
    const category = this.fam.weighted(P.cpCategories);
    this.step(icpc, 'initial-conference', {
      heldOn: icpc,
      decision: plan ? 'plan' : 'no-plan',
      ...(plan ? { category } : {}),
      reason: plan
        ? `The child is at continuing risk of significant harm (${P.categoryWords[category]!}).`
        : 'Risks can be managed with a child in need plan.',
    });
    if (!plan) return this.cinPlan(addDays(icpc, this.fam.int(0, 7)), escalated);
    this.open.cp = true;
    this.open.cin = false;
    this.planKinds.delete('cin');
    this.planKinds.add('cp');
    return this.cpPlan(icpc, category);
  }

  private cpPlan(start: string, category: string): string {
    this.goals('cp', start);
    let review = weekday(addDays(start, 90));
    let reviews = 0;
    for (;;) {
      this.periodic(start, review, 'cp');
      reviews++;
      const end = reviews >= 4 || this.fam.chance(reviews === 1 ? 0.2 : 0.5);
      // A continuing plan names its category (changed or not): the review step needs something to update.
      if (!end && this.fam.chance(0.06)) category = this.fam.weighted(P.cpCategories);
      this.step(review, 'review-conference', {
        heldOn: review,
        decision: end ? 'end' : 'continue',
        ...(end ? {} : { category }),
        reason: end
          ? 'Risks have reduced; the plan has been effective.'
          : 'Progress is being made but the risks remain.',
      });
      if (end) break;
      start = review;
      review = weekday(addDays(review, 182));
    }
    this.open.cp = false;
    this.planKinds.delete('cp');
    const next = this.fam.weighted(P.afterCp);
    if (next === 'care' && this.age(review) >= 0) return this.care(addDays(review, this.fam.int(1, 30)));
    if (next === 'close') return this.close(addDays(review, this.fam.int(1, 14)), 'RC7');
    return this.cinPlan(review, true);
  }

  private cinPlan(start: string, escalated: boolean): string {
    this.step(start, 'cin-plan', {
      startedOn: start,
      reason: "Help for the family to meet the child's needs, agreed with them.",
    });
    this.open.cin = true;
    this.planKinds.add('cin');
    this.goals('cin', start);
    const months = this.fam.int(3, 18);
    let at = start;
    for (let m = 3; m <= months; m += 3) {
      const review = addDays(start, m * 30);
      this.periodic(at, review, 'cin');
      this.planReview('cin', review);
      at = review;
    }
    const end = addDays(start, months * 30 + this.fam.int(0, 20));
    this.periodic(at, end, 'cin');
    if (!escalated && this.fam.chance(P.cinEscalation)) {
      this.step(end, 'cin-plan-end', { endedOn: end });
      this.open.cin = false;
      this.planKinds.delete('cin');
      return this.protection(end, true);
    }
    const reason = this.fam.weighted(P.cinClosures);
    return this.close(end, reason === 'RC6' && this.age(end) < 17 ? 'RC7' : reason);
  }

  private care(start: string): string {
    const legal = this.fam.weighted(P.entryLegalStatus);
    let placement = this.placementFor(start);
    this.step(start, 'care-start', {
      startedOn: start,
      categoryOfNeed: this.fam.weighted(P.categoryOfNeed),
      legalStatus: legal,
      placementType: placement,
      provider: this.provider(placement),
      reason: 'The child could not remain safely at home.',
    });
    this.open.care = true;
    this.planKinds.add('care');
    this.goals('care', start);
    const months = this.fam.int(3, 36);
    const end = addDays(start, months * 30);
    let status = legal;
    // Police protection lasts at most 72 hours and an emergency protection order at most 21 days
    // (Children Act 1989 ss46, 45; SSDA903 rules 361, 362): the court's interim care order follows.
    if (legal === 'L1' || legal === 'L2') {
      const d = addDays(start, legal === 'L1' ? 2 : 14);
      this.step(d, 'care-change', {
        changedOn: d,
        legalStatus: 'C1',
        placementType: placement,
        reason: 'The court made an interim care order.',
      });
      status = 'C1';
    }
    const reviews = [20, 90, 270, 450, 630, 810, 990].map((d) => addDays(start, d)).filter((d) => d < end);
    const changes: string[] = [];
    for (let d = addDays(start, this.fam.int(60, 300)); d < end; d = addDays(d, this.fam.int(90, 400)))
      changes.push(d);
    const milestones = [
      ...reviews.map((d) => [d, 'review'] as const),
      ...changes.map((d) => [d, 'change'] as const),
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    let at = start;
    for (const [d, what] of milestones) {
      this.periodic(at, d, 'care');
      if (what === 'review') {
        const age = this.age(d);
        this.step(d, 'care-review', {
          heldOn: d,
          participation: age < 4 ? 'PN0' : this.r.weighted(P.participation),
          summary: 'The care plan continues. Contact with family as agreed.',
        });
      } else {
        const nextStatus = status === 'C1' ? 'C2' : status === 'V2' && this.fam.chance(0.3) ? 'C1' : status;
        const nextPlacement =
          nextStatus !== status && this.fam.chance(0.6) ? placement : this.placementFor(d, placement);
        if (nextStatus !== status || nextPlacement !== placement) {
          this.step(d, 'care-change', {
            changedOn: addDays(d, 0),
            legalStatus: nextStatus,
            placementType: nextPlacement,
            ...(nextPlacement !== placement ? { provider: this.provider(nextPlacement) } : {}),
            reason:
              nextStatus !== status
                ? 'Court made a care order.'
                : 'Placement ended; moved to a new placement.',
          });
          status = nextStatus;
          placement = nextPlacement;
        }
      }
      at = d;
    }
    this.periodic(at, end, 'care');
    const age = this.age(end);
    const ending = this.fam.weighted(
      age >= 16 ? P.careEndingsOlder : age < 5 ? P.careEndingsYoung : P.careEndings,
    );
    this.step(end, 'care-end', { endedOn: end, reasonEnd: ending, reason: 'Care ended as planned.' });
    this.open.care = false;
    this.planKinds.delete('care');
    const closure = P.closureForCareEnding[ending] ?? 'RC7';
    return this.close(addDays(end, this.fam.int(0, 14)), closure);
  }

  private placementFor(on: string, not?: string): string {
    const age = this.age(on);
    for (let i = 0; i < 5; i++) {
      const p = this.fam.weighted(age >= 16 ? P.placementsOlder : age < 2 ? P.placementsBaby : P.placements);
      if (p !== not) return p;
    }
    return not === 'U6' ? 'U4' : 'U6';
  }
  private provider(placement: string): string {
    if (placement.startsWith('U'))
      return `Foster carers (${placement === 'U1' || placement === 'U3' ? 'family and friends' : 'in-house'})`;
    if (placement === 'K2') return "Independent children's home";
    if (placement === 'H5') return 'Supported lodgings provider';
    return 'Placement provider';
  }

  private earlyHelp(start: string): { on: string; stepUp: boolean } {
    this.goals('early-help', start);
    const months = this.fam.int(3, 9);
    const review = addDays(start, 90);
    const end = addDays(start, months * 30);
    if (review < end) {
      this.periodic(start, review, 'early-help');
      this.planReview('early-help', review);
    }
    const reason = this.fam.weighted(P.earlyHelpEndings);
    this.step(end, 'early-help-end', { endedOn: end, endReason: reason });
    this.open.eh = false;
    this.planKinds.delete('early-help');
    return { on: end, stepUp: reason === 'step-up' };
  }

  protected goals(plan: 'cp' | 'cin' | 'care' | 'early-help', on: string) {
    for (const g of this.r.some(GOALS[plan], this.r.int(1, 3))) {
      const base = this.r.int(1, 5);
      this.step(
        on,
        'goal',
        { plan, goal: fill(this.scene(on), g).text, addedOn: on, score: base },
        { trajectory: { base, slope: this.r.next() * 0.8 - 0.15 } },
      );
    }
  }

  protected planReview(plan: 'cin' | 'early-help' | 'cp' | 'care', on: string) {
    const said = childSaid(this.scene(on));
    this.step(
      on,
      'plan-review',
      {
        plan,
        heldOn: on,
        ...(this.age(on) >= 5
          ? {
              worriesExplained: this.r.weighted(P.yesPartlyNo),
              agreesWithPlan: this.r.weighted(P.yesPartlyNo),
            }
          : {}),
        ...(said !== undefined ? { childViews: said.text } : {}),
        familyViews: 'Mum said things are better than they were, but she still worries about money.',
        summary: 'The plan was reviewed with the family and the professionals. Goals re-scored.',
      },
      {
        scoreSeed: this.r.int(1, 1e9),
        ...(said !== undefined ? { marked: this.marked('childViews', said) } : {}),
      },
    );
  }

  /** Visits and case notes between two dates, at the plan's usual frequency. */
  private periodic(from: string, to: string, plan: 'cp' | 'cin' | 'care' | 'early-help') {
    const [lo, hi] = P.visitEvery[plan]!;
    for (let d = addDays(from, this.r.int(lo, hi)); d < to; d = addDays(d, this.r.int(lo, hi))) {
      if (plan !== 'early-help') this.visit(d);
      if (this.r.chance(P.notesPerVisit))
        this.note(addDays(d, this.r.int(0, 3)) < to ? addDays(d, this.r.int(0, 3)) : d);
    }
  }

  visit(on: string) {
    if (on > this.limit) throw new Stop();
    const unborn = this.p.child.input.kind === 'unborn';
    const age = this.age(on);
    const seen = unborn ? 'not-seen' : this.r.weighted(age < 3 ? P.seenBaby : P.seen);
    const s = this.scene(on);
    const summary = visitSummary(s, seen);
    const said = seen === 'not-seen' ? undefined : childSaid(s);
    const marked: Record<string, MarkedText> = { summary };
    if (said !== undefined) marked.childSaid = said;
    this.emit({
      at: on,
      type: 'visit',
      by: 'worker',
      input: {
        date: on,
        seen,
        summary: summary.text,
        ...(said !== undefined ? { childSaid: said.text } : {}),
        ...(seen === 'not-seen'
          ? {
              notSeenReason: unborn
                ? 'Unborn baby: pre-birth visit to the mother'
                : 'No one answered, or the child was out',
            }
          : { minutesWithChild: this.r.int(10, 90) }),
      },
      marked,
      ...(seen !== 'not-seen' && this.r.chance(0.6) ? { scoreSeed: this.r.int(1, 1e9) } : {}),
    });
  }

  note(on: string) {
    const n = caseNote(this.scene(on));
    this.step(
      on,
      'note',
      { notedOn: on, title: n.title, body: n.body.text },
      { marked: this.marked('body', n.body) },
    );
  }

  private close(on: string, reason: string): string {
    // RC8 and RC9 mean closed after the assessment and nothing else: not after a section 47, a plan or care.
    if ((reason === 'RC8' || reason === 'RC9') && (!this.episodeAssessed || this.episodeBeyondAssessment))
      reason = 'RC7';
    this.step(on, 'closure', {
      closedOn: on,
      closureReason: reason,
      note: P.closureNotes[reason] ?? 'Case closed.',
    });
    this.open.episode = false;
    this.open.cin = false;
    this.planKinds.delete('cin');
    this.emit({ at: on, type: 'allocate', to: 'front-door', reason: 'Case closed' });
    return on;
  }

  /** At 18 an open case ends: plans and care end, enquiries complete, the episode closes. */
  private windDown(on: string) {
    const o = this.open;
    this.cursor = this.cursor > on ? this.cursor : on;
    const at = this.cursor;
    if (o.eh)
      this.actions.push({
        at,
        type: 'step',
        kind: 'early-help-end',
        by: 'worker',
        input: { endedOn: at, endReason: 'other', reason: 'Turned 18.' },
      });
    if (!o.episode) return;
    if (o.assessment)
      this.actions.push({
        at,
        type: 'step',
        kind: 'assessment-complete',
        by: 'worker',
        input: {
          completedOn: at,
          outcome: 'nfa',
          factors: ['21'],
          analysis: "The young person has turned 18; children's services are ending.",
        },
      });
    if (o.s47)
      this.actions.push({
        at,
        type: 'step',
        kind: 's47-complete',
        by: 'worker',
        input: { completedOn: at, outcome: 'nfa', reason: 'The young person has turned 18.' },
      });
    if (o.cp)
      this.actions.push({
        at,
        type: 'step',
        kind: 'review-conference',
        by: 'worker',
        input: { heldOn: at, decision: 'end', reason: 'The young person has turned 18; the plan ends.' },
      });
    if (o.care)
      this.actions.push({
        at,
        type: 'step',
        kind: 'care-end',
        by: 'worker',
        input: { endedOn: at, reasonEnd: 'E17', reason: 'Turned 18 and stayed with the carers.' },
      });
    this.actions.push({
      at,
      type: 'step',
      kind: 'closure',
      by: 'worker',
      input: {
        closedOn: at,
        closureReason: this.p.child.input.disabilities.some((d) => d !== 'NONE') ? 'RC6' : 'RC7',
        note: 'Turned 18. Leaving care and adult services informed where needed.',
      },
    });
  }
}

function raisedBy(source: string): string | undefined {
  if (source === '6') return 'Police officer, public protection unit';
  if (source.startsWith('2')) return 'Designated safeguarding lead';
  if (source === '3B') return 'Health visitor';
  if (source.startsWith('3')) return 'Named nurse for safeguarding';
  if (source === '9') return undefined;
  return undefined;
}
