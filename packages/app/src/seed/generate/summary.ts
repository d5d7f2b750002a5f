/**
 * What a generated LA holds, counted from the database: people, the journey's proportions (what
 * contacts led to, re-referrals, assessments to section 47, plan categories, legal statuses,
 * closure reasons, visits seen) and what is open today. Printed after `waypoint seed`; the tests
 * check the proportions against the national figures.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

export interface LaSummary {
  laCode: string;
  children: number;
  unborn: number;
  adults: number;
  contacts: number;
  decisions: Record<string, number>;
  referrals: number;
  reReferralsWithin12Months: number;
  assessmentsCompleted: number;
  assessmentOutcomes: Record<string, number>;
  s47: number;
  initialConferences: number;
  cpPlans: Record<string, number>;
  cinPlans: number;
  careStarts: Record<string, number>;
  closures: Record<string, number>;
  visits: Record<string, number>;
  caseNotes: number;
  timelineEvents: number;
  openNow: { episodes: number; cpPlans: number; lookedAfter: number };
}

async function counts(db: Kysely<Schema>, query: ReturnType<typeof sql<{ k: string; n: number }>>) {
  const { rows } = await query.execute(db);
  return Object.fromEntries(rows.map((r) => [(r.k as string | null) ?? 'none', r.n]));
}

export async function summarise(db: Kysely<Schema>, laCode: string): Promise<LaSummary> {
  const one = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(db)).rows[0]?.n ?? 0;
  const kinds = await counts(
    db,
    sql`select kind as k, count(*) as n from people where la_code = ${laCode} group by kind`,
  );
  return {
    laCode,
    children: kinds.child ?? 0,
    unborn: kinds.unborn ?? 0,
    adults: kinds.adult ?? 0,
    contacts: await one(sql`select count(*) as n from contacts where la_code = ${laCode}`),
    decisions: await counts(
      db,
      sql`select decision as k, count(*) as n from contacts where la_code = ${laCode} group by 1`,
    ),
    referrals: await one(sql`select count(*) as n from cin_episodes where la_code = ${laCode}`),
    reReferralsWithin12Months: await one(sql`
      select count(*) as n from cin_episodes e where e.la_code = ${laCode} and exists (
        select 1 from cin_episodes p where p.person_id = e.person_id and p.id <> e.id
          and p.referral_on < e.referral_on and p.referral_on >= e.referral_on - 365)`),
    assessmentsCompleted: await one(
      sql`select count(*) as n from assessments where la_code = ${laCode} and completed_on is not null`,
    ),
    assessmentOutcomes: await counts(
      db,
      sql`select outcome as k, count(*) as n from assessments where la_code = ${laCode} and completed_on is not null group by 1`,
    ),
    s47: await one(sql`select count(*) as n from s47_enquiries where la_code = ${laCode}`),
    initialConferences: await one(
      sql`select count(*) as n from conferences where la_code = ${laCode} and kind = 'initial'`,
    ),
    cpPlans: await counts(
      db,
      sql`select initial_category as k, count(*) as n from cp_plans where la_code = ${laCode} group by 1`,
    ),
    cinPlans: await one(sql`select count(*) as n from cin_plans where la_code = ${laCode}`),
    careStarts: await counts(
      db,
      sql`select legal_status as k, count(*) as n from care_episodes where la_code = ${laCode} and reason_new = 'S' group by 1`,
    ),
    closures: await counts(
      db,
      sql`select closure_reason as k, count(*) as n from cin_episodes where la_code = ${laCode} and closed_on is not null group by 1`,
    ),
    visits: await counts(
      db,
      sql`select seen as k, count(*) as n from visits where la_code = ${laCode} group by 1`,
    ),
    caseNotes: await one(sql`select count(*) as n from case_notes where la_code = ${laCode}`),
    timelineEvents: await one(sql`select count(*) as n from journey_events where la_code = ${laCode}`),
    openNow: {
      episodes: await one(
        sql`select count(*) as n from cin_episodes where la_code = ${laCode} and closed_on is null`,
      ),
      cpPlans: await one(
        sql`select count(*) as n from cp_plans where la_code = ${laCode} and ended_on is null`,
      ),
      lookedAfter: await one(
        sql`select count(*) as n from care_episodes where la_code = ${laCode} and ended_on is null`,
      ),
    },
  };
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const shares = (r: Record<string, number>) => {
  const total = Object.values(r).reduce((a, b) => a + b, 0);
  return Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${pct(n, total)}`)
    .join(', ');
};

/** The summary as a few lines for the terminal. */
export function describeSummary(s: LaSummary): string {
  return [
    `LA ${s.laCode}: ${s.children} children, ${s.unborn} unborn, ${s.adults} adults; ${s.timelineEvents} timeline events`,
    `  contacts ${s.contacts}: ${shares(s.decisions)}`,
    `  referrals ${s.referrals}; re-referrals within 12 months ${pct(s.reReferralsWithin12Months, s.referrals)}`,
    `  assessments ${s.assessmentsCompleted}: ${shares(s.assessmentOutcomes)}`,
    `  section 47 enquiries ${s.s47} (${pct(s.s47, s.assessmentsCompleted)} of assessments); initial conferences ${s.initialConferences}`,
    `  child protection plans ${Object.values(s.cpPlans).reduce((a, b) => a + b, 0)}: ${shares(s.cpPlans)}`,
    `  child in need plans ${s.cinPlans}; started to be looked after: ${shares(s.careStarts)}`,
    `  closures: ${shares(s.closures)}`,
    `  visits: ${shares(s.visits)}; case notes ${s.caseNotes}`,
    `  open now: ${s.openNow.episodes} child in need episodes, ${s.openNow.cpPlans} child protection plans, ${s.openNow.lookedAfter} looked after`,
  ].join('\n');
}
