/**
 * Aggregate reads of the journey for practice insight ("Is help working?"): goal scores over the
 * course of plans, how often children are seen and seen alone at visits, and re-referrals within
 * 12 months. Counts and averages only, by month and by the team the child is allocated to now
 * (or "No team recorded"); never a child's details and never a worker. Each row carries the
 * number of distinct children in it, so the caller can hide groups too small to show.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';

/**
 * Each child's team now, as a CTE body `(person_id, team)`: the team of their latest open
 * allocation. Computed once as a set and joined (a lookup per visit was 11 s at 20,000 children).
 */
const childTeams = (laCode: string) =>
  sql`select distinct on (a.person_id) a.person_id, t.name as team from allocations a join teams t on t.id = a.team_id
    where a.la_code = ${laCode} and a.ended_at is null order by a.person_id, a.started_at desc`;
const teamName = sql`coalesce(ct.team, 'No team recorded')`;

export interface ScoreByPlanMonth {
  /** Whole months since the goal was added (0: the first month of the plan). */
  month: number;
  children: number;
  average: number;
}

/**
 * Average goal score by month of the plan (0–12), for goals in place since `since` (ISO date).
 * @example await goalScoresByPlanMonth(tx, '971', '2025-12-01') // [{ month: 0, children: 40, average: 3.1 }, …]
 */
export async function goalScoresByPlanMonth(
  tx: Tx,
  laCode: string,
  since: string,
): Promise<ScoreByPlanMonth[]> {
  const { rows } = await sql<{ month: number; children: number; average: string }>`
    select least(12, floor((s.scored_on - g.added_on) / 30.44))::int as month,
      count(distinct g.person_id)::int as children, avg(s.score) as average
    from goal_scores s join plan_goals g on g.id = s.goal_id
    where g.la_code = ${laCode} and (g.ended_on is null or g.ended_on >= ${since}::date)
      and s.scored_on >= g.added_on
    group by 1 order by 1`.execute(tx);
  return rows.map((r) => ({ month: r.month, children: r.children, average: Number(r.average) }));
}

export interface ScoreChangeByTeam {
  team: string;
  children: number;
  goals: number;
  first: number;
  latest: number;
  /** Goals whose latest score is above the first. */
  improved: number;
}

/** For goals scored at least twice and in place since `since`: the first and latest scores, by team. */
export async function goalScoreChangeByTeam(
  tx: Tx,
  laCode: string,
  since: string,
): Promise<ScoreChangeByTeam[]> {
  const { rows } = await sql<{
    team: string;
    children: number;
    goals: number;
    first: string;
    latest: string;
    improved: number;
  }>`
    with per_goal as (
      select g.person_id,
        (array_agg(s.score order by s.scored_on, s.recorded_at))[1] as first,
        (array_agg(s.score order by s.scored_on desc, s.recorded_at desc))[1] as latest
      from plan_goals g join goal_scores s on s.goal_id = g.id
      where g.la_code = ${laCode} and (g.ended_on is null or g.ended_on >= ${since}::date)
      group by g.person_id, g.id having count(*) >= 2
    ), ct as (${childTeams(laCode)})
    select ${teamName} as team, count(distinct g.person_id)::int as children, count(*)::int as goals,
      avg(g.first) as first, avg(g.latest) as latest,
      sum(case when g.latest > g.first then 1 else 0 end)::int as improved
    from per_goal g left join ct on ct.person_id = g.person_id
    group by 1 order by 1`.execute(tx);
  return rows.map((r) => ({ ...r, first: Number(r.first), latest: Number(r.latest) }));
}

export interface SeenCounts {
  /** `YYYY-MM` for months, the team's name for teams. */
  group: string;
  children: number;
  visits: number;
  seen: number;
  seenAlone: number;
}

/** Visits since `since` by month and by team: how many, and how many saw the child, and alone. */
export async function visitsSeen(
  tx: Tx,
  laCode: string,
  since: string,
): Promise<{ months: SeenCounts[]; teams: SeenCounts[] }> {
  const counts = sql`count(distinct v.person_id)::int as children, count(*)::int as visits,
    sum(case when v.seen in ('seen', 'seen-alone') then 1 else 0 end)::int as seen,
    sum(case when v.seen = 'seen-alone' then 1 else 0 end)::int as "seenAlone"`;
  const { rows: months } = await sql<SeenCounts>`
    select to_char(v.visit_date, 'YYYY-MM') as "group", ${counts}
    from visits v where v.la_code = ${laCode} and v.visit_date >= ${since}::date group by 1 order by 1`.execute(
    tx,
  );
  const { rows: teams } = await sql<SeenCounts>`
    with ct as (${childTeams(laCode)})
    select ${teamName} as "group", ${counts}
    from visits v left join ct on ct.person_id = v.person_id
    where v.la_code = ${laCode} and v.visit_date >= ${since}::date group by 1 order by 1`.execute(tx);
  return { months, teams };
}

export interface ReferralCounts {
  /** `YYYY-MM` for months, the team's name for teams. */
  group: string;
  children: number;
  referrals: number;
  /** Referrals within 12 months of an earlier referral of the same child. */
  reReferrals: number;
}

/** Referrals (child in need episodes opened) since `since`, by month and by team, with re-referrals. */
export async function reReferrals(
  tx: Tx,
  laCode: string,
  since: string,
): Promise<{ months: ReferralCounts[]; teams: ReferralCounts[] }> {
  const base = sql`select r.person_id, r.referral_on, exists (select 1 from cin_episodes p
      where p.person_id = r.person_id and p.id <> r.id and p.referral_on <= r.referral_on
        and p.referral_on > r.referral_on - interval '12 months') as again
    from cin_episodes r where r.la_code = ${laCode} and r.referral_on >= ${since}::date`;
  const counts = sql`count(distinct r.person_id)::int as children, count(*)::int as referrals,
    sum(case when r.again then 1 else 0 end)::int as "reReferrals"`;
  const { rows: months } = await sql<ReferralCounts>`
    with r as (${base}) select to_char(referral_on, 'YYYY-MM') as "group", ${counts} from r group by 1 order by 1`.execute(
    tx,
  );
  const { rows: teams } = await sql<ReferralCounts>`
    with r as (${base}), ct as (${childTeams(laCode)})
    select ${teamName} as "group", ${counts} from r left join ct on ct.person_id = r.person_id group by 1 order by 1`.execute(
    tx,
  );
  return { months, teams };
}

export interface TimeWithChildren {
  /** `YYYY-MM`. */
  month: string;
  workers: number;
  visits: number;
  minutes: number;
  medianMinutes: number;
}

/**
 * Time recorded with children at visits since `since`, by month: visits with minutes recorded,
 * their total and median; for one worker's own visits when `recordedBy` is given.
 */
export async function timeWithChildren(
  tx: Tx,
  laCode: string,
  since: string,
  recordedBy?: string,
): Promise<TimeWithChildren[]> {
  const { rows } = await sql<{
    month: string;
    workers: number;
    visits: number;
    minutes: number;
    median: string;
  }>`
    select to_char(visit_date, 'YYYY-MM') as month, count(distinct recorded_by)::int as workers,
      count(*)::int as visits, sum(minutes_with_child)::int as minutes,
      percentile_cont(0.5) within group (order by minutes_with_child) as median
    from visits where la_code = ${laCode} and visit_date >= ${since}::date and minutes_with_child is not null
      ${recordedBy === undefined ? sql`` : sql`and recorded_by = ${recordedBy}`}
    group by 1 order by 1`.execute(tx);
  return rows.map((r) => ({ ...r, medianMinutes: Number(r.median) }));
}
