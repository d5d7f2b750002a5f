/**
 * What the journey page and the chronology show: the identity bar facts, the status, warnings,
 * the next steps the viewer may record, plans with score charts, and the filtered, paged timeline.
 */
import { offeredSteps } from '../journey/record-step.ts';
import { workingDaysBetween } from '../journey/working-days.ts';
import { steps } from '../journey/steps/index.ts';
import { planNames } from '../journey/steps/plans.ts';
import { eventGroups } from '../journey/timeline.ts';
import { longDate, timeAndDate } from '../http/forms/dates.ts';
import type { Journey } from '../journey/load-journey.ts';
import { pagination } from './pagination.ts';
import { presentPerson } from './person.ts';
import { scoreChartSvg } from './score-chart.ts';

export const PAGE_SIZE = 50;

export const eventGroupOptions = (selected: readonly string[]) =>
  Object.entries(eventGroups).map(([value, text]) => ({ value, text, checked: selected.includes(value) }));

function queryString(values: Record<string, unknown>, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (k === 'page' || k === 'recorded') continue;
    for (const one of Array.isArray(v) ? v : [v]) if (typeof one === 'string' && one !== '') p.append(k, one);
  }
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

export function presentJourney(
  j: Journey,
  opts: { page: number; pageSize: number; query: Record<string, unknown> },
) {
  const { opened, state } = j;
  const person = presentPerson(opened.person, opened.abilities);
  const pages = Math.max(1, Math.ceil(j.total / opts.pageSize));
  const base = `/children/${person.id}`;
  const offered = offeredSteps(steps, state, opened.abilities);
  // A visit has its own button; the other steps are links.
  const next = offered
    .filter((s) => s.kind !== 'visit')
    .map((s) => ({
      text: s.title,
      href: `${base}/record/${s.kind}`,
      group: s.group,
    }));
  const overdue = j.timescales.filter((t) => t.dueOn < new Date().toISOString().slice(0, 10));
  const today = new Date().toISOString().slice(0, 10);
  return {
    person,
    abilities: opened.abilities,
    status: j.status,
    /** "3:45pm on 2 December 2026" when the viewer is here through emergency access only. */
    emergencyEnds: j.emergencyEnds === null ? null : timeAndDate(j.emergencyEnds),
    /** For reporting only: never a deadline. */
    missingSince: state.openMissing === null ? null : longDate(state.openMissing.on),
    workingDaysOpen: state.openEpisode === null ? null : workingDaysBetween(state.openEpisode.on, today),
    events: j.events,
    total: j.total,
    agencies: j.agencies,
    nextSteps: next,
    canRecordVisit: offered.some((s) => s.kind === 'visit'),
    plans: j.plans.map((p) => ({
      name: planNames[p.kind],
      since: p.since,
      goals: p.goals.map((g) => ({
        goal: g.goal,
        latest: g.scores.at(-1)?.score ?? null,
        chart: scoreChartSvg(g.goal, g.scores),
        count: g.scores.length,
        // The table beside the chart: the latest ten, newest first.
        scores: g.scores
          .slice(-10)
          .reverse()
          .map((s) => ({ on: longDate(s.on), score: s.score })),
      })),
    })),
    timescales: j.timescales.map((t) => ({ ...t, due: longDate(t.dueOn), passed: overdue.includes(t) })),
    pagination: pagination(opts.page, pages, (n) => `${base}${queryString(opts.query, n)}`),
    chronologyHref: `${base}/chronology${queryString(opts.query, 1)}`,
  };
}
