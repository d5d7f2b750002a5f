/**
 * Reads what the statutory returns need from the journey tables, for a whole LA or for some
 * children, in the caller's tenant transaction: one query per table (set-based, never per child),
 * grouped by person. Only the returns capability calls it, through the caller-bound repository
 * (`PersonRecords.readForReturn` or `withRecord`), which audits the read.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../db/tenant.ts';

export interface ChildRow {
  id: string;
  kind: 'child' | 'adult' | 'unborn';
  la_child_id: string | null;
  given_name: string;
  family_name: string;
  /** A restricted record (e.g. a child in a refuge, a protected identity): its names are not sent to the DfE. */
  is_restricted: boolean;
  upn: string | null;
  nhs_number: string | null;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  date_of_death: string | null;
  sex: 'female' | 'male' | 'unknown' | null;
  ethnicity: string | null;
  disabilities: string[];
  postcode: string | null;
  team_name: string | null;
  worker_name: string | null;
  worker_id: string | null;
}

export interface RecordRows {
  contacts: { received_on: string | null; source: string | null }[];
  earlyHelp: { started_on: string; assessment_on: string | null; ended_on: string | null }[];
  episodes: {
    id: string;
    referral_on: string;
    source: string;
    primary_need: string | null;
    nfa: boolean;
    closed_on: string | null;
    closure_reason: string | null;
  }[];
  assessments: {
    cin_episode_id: string;
    started_on: string;
    completed_on: string | null;
    factors: string[];
    outcome: string | null;
  }[];
  s47s: {
    id: string;
    cin_episode_id: string;
    started_on: string;
    completed_on: string | null;
    outcome: string | null;
  }[];
  conferences: {
    cin_episode_id: string;
    s47_enquiry_id: string | null;
    kind: 'initial' | 'review';
    held_on: string;
    decision: string;
  }[];
  cpPlans: {
    cin_episode_id: string;
    started_on: string;
    ended_on: string | null;
    initial_category: string;
    latest_category: string;
  }[];
  cinPlans: { cin_episode_id: string; started_on: string; ended_on: string | null }[];
  care: {
    started_on: string;
    reason_new: string;
    legal_status: string;
    category_of_need: string;
    placement_type: string;
    provider: string | null;
    placement_postcode: string | null;
    ended_on: string | null;
    reason_end: string | null;
  }[];
  careReviews: { held_on: string; participation: string }[];
  missing: {
    kind: 'missing' | 'away';
    started_on: string;
    ended_on: string | null;
    return_interview: string | null;
  }[];
  visits: { visit_date: string; seen: 'seen' | 'seen-alone' | 'not-seen' }[];
}

export interface LoadedChild {
  child: ChildRow;
  rows: RecordRows;
}

const emptyRows = (): RecordRows => ({
  contacts: [],
  earlyHelp: [],
  episodes: [],
  assessments: [],
  s47s: [],
  conferences: [],
  cpPlans: [],
  cinPlans: [],
  care: [],
  careReviews: [],
  missing: [],
  visits: [],
});

/**
 * Loads the children (people of kind child or unborn) of the tenant, or only `personIds`, with
 * every journey row the returns read, oldest first.
 */
export async function loadForReturns(
  tx: Tx,
  laCode: string,
  personIds?: readonly string[],
): Promise<LoadedChild[]> {
  if (personIds !== undefined && personIds.length === 0) return [];
  const only = personIds === undefined ? sql`true` : sql`person_id = any(${[...personIds]}::uuid[])`;
  const onlyPeople = personIds === undefined ? sql`true` : sql`p.id = any(${[...personIds]}::uuid[])`;
  const people = await sql<ChildRow>`
    select p.id, p.kind, p.la_child_id, p.given_name, p.family_name, p.is_restricted, p.upn, p.nhs_number, p.date_of_birth, p.expected_date_of_birth,
      p.date_of_death, p.sex, p.ethnicity, p.disabilities,
      (select a.postcode from addresses a where a.person_id = p.id and a.ended_on is null and not a.is_restricted
        order by a.started_on desc limit 1) as postcode,
      t.name as team_name, u.name as worker_name, u.id as worker_id
    from people p
    left join allocations al on al.person_id = p.id and al.ended_at is null
    left join teams t on t.id = al.team_id
    left join users u on u.id = al.worker_user_id
    where p.la_code = ${laCode} and p.kind in ('child', 'unborn') and ${onlyPeople}
    order by p.id`.execute(tx);
  const byId = new Map<string, LoadedChild>();
  for (const c of people.rows)
    if (!byId.has(c.id))
      byId.set(c.id, { child: { ...c, disabilities: c.disabilities ?? [] }, rows: emptyRows() });

  async function into<K extends keyof RecordRows>(
    key: K,
    query: RawBuilder<RecordRows[K][number] & { person_id: string }>,
  ): Promise<void> {
    const res = await query.execute(tx);
    for (const r of res.rows) {
      const target = byId.get(r.person_id);
      if (target === undefined) continue;
      const { person_id: _drop, ...row } = r;
      (target.rows[key] as unknown[]).push(row);
    }
  }
  const where = sql`la_code = ${laCode} and ${only}`;
  type Q<K extends keyof RecordRows> = RecordRows[K][number] & { person_id: string };
  await into(
    'contacts',
    sql<
      Q<'contacts'>
    >`select person_id, received_on, source from contacts where ${where} order by received_on`,
  );
  await into(
    'earlyHelp',
    sql<
      Q<'earlyHelp'>
    >`select person_id, started_on, assessment_on, ended_on from early_help_episodes where ${where} order by started_on`,
  );
  await into(
    'episodes',
    sql<
      Q<'episodes'>
    >`select person_id, id, referral_on, source, primary_need, nfa, closed_on, closure_reason from cin_episodes where ${where} order by referral_on, recorded_at`,
  );
  await into(
    'assessments',
    sql<
      Q<'assessments'>
    >`select person_id, cin_episode_id, started_on, completed_on, factors, outcome from assessments where ${where} order by started_on, recorded_at`,
  );
  await into(
    's47s',
    sql<
      Q<'s47s'>
    >`select person_id, id, cin_episode_id, started_on, completed_on, outcome from s47_enquiries where ${where} order by started_on, recorded_at`,
  );
  await into(
    'conferences',
    sql<
      Q<'conferences'>
    >`select person_id, cin_episode_id, s47_enquiry_id, kind, held_on, decision from conferences where ${where} order by held_on, recorded_at`,
  );
  await into(
    'cpPlans',
    sql<
      Q<'cpPlans'>
    >`select person_id, cin_episode_id, started_on, ended_on, initial_category, latest_category from cp_plans where ${where} order by started_on`,
  );
  await into(
    'cinPlans',
    sql<
      Q<'cinPlans'>
    >`select person_id, cin_episode_id, started_on, ended_on from cin_plans where ${where} order by started_on`,
  );
  await into(
    'care',
    sql<
      Q<'care'>
    >`select person_id, started_on, reason_new, legal_status, category_of_need, placement_type, provider, placement_postcode, ended_on, reason_end from care_episodes where ${where} order by started_on, recorded_at`,
  );
  await into(
    'careReviews',
    sql<
      Q<'careReviews'>
    >`select person_id, held_on, participation from care_reviews where ${where} order by held_on`,
  );
  await into(
    'missing',
    sql<
      Q<'missing'>
    >`select person_id, kind, started_on, ended_on, return_interview from missing_episodes where ${where} order by started_on`,
  );
  await into(
    'visits',
    sql<Q<'visits'>>`select person_id, visit_date, seen from visits where ${where} order by visit_date`,
  );
  return [...byId.values()];
}

/** Each table's rows for one child, as the JSON array of one subquery (same columns and order as above). */
const ONE: Record<keyof RecordRows, string> = {
  contacts: `select received_on, source from contacts where person_id = p.id order by received_on`,
  earlyHelp: `select started_on, assessment_on, ended_on from early_help_episodes where person_id = p.id order by started_on`,
  episodes: `select id, referral_on, source, primary_need, nfa, closed_on, closure_reason from cin_episodes where person_id = p.id order by referral_on, recorded_at`,
  assessments: `select cin_episode_id, started_on, completed_on, factors, outcome from assessments where person_id = p.id order by started_on, recorded_at`,
  s47s: `select id, cin_episode_id, started_on, completed_on, outcome from s47_enquiries where person_id = p.id order by started_on, recorded_at`,
  conferences: `select cin_episode_id, s47_enquiry_id, kind, held_on, decision from conferences where person_id = p.id order by held_on, recorded_at`,
  cpPlans: `select cin_episode_id, started_on, ended_on, initial_category, latest_category from cp_plans where person_id = p.id order by started_on`,
  cinPlans: `select cin_episode_id, started_on, ended_on from cin_plans where person_id = p.id order by started_on`,
  care: `select started_on, reason_new, legal_status, category_of_need, placement_type, provider, placement_postcode, ended_on, reason_end from care_episodes where person_id = p.id order by started_on, recorded_at`,
  careReviews: `select held_on, participation from care_reviews where person_id = p.id order by held_on`,
  missing: `select kind, started_on, ended_on, return_interview from missing_episodes where person_id = p.id order by started_on`,
  visits: `select visit_date, seen from visits where person_id = p.id order by visit_date`,
};
const ONE_SQL = Object.entries(ONE)
  .map(([k, q]) => `(select coalesce(json_agg(x), '[]'::json) from (${q}) x) as "${k}"`)
  .join(',\n      ');

/**
 * One child with every journey row the returns read, in one statement (the point-of-recording
 * check runs it on every journey page, so it is one round trip): the same rows as `loadForReturns`.
 */
export async function loadChildForReturns(
  tx: Tx,
  laCode: string,
  personId: string,
): Promise<LoadedChild | null> {
  const res = await sql<ChildRow & RecordRows>`
    select p.id, p.kind, p.la_child_id, p.given_name, p.family_name, p.is_restricted, p.upn, p.nhs_number, p.date_of_birth, p.expected_date_of_birth,
      p.date_of_death, p.sex, p.ethnicity, p.disabilities,
      (select a.postcode from addresses a where a.person_id = p.id and a.ended_on is null and not a.is_restricted
        order by a.started_on desc limit 1) as postcode,
      t.name as team_name, u.name as worker_name, u.id as worker_id,
      ${sql.raw(ONE_SQL)}
    from people p
    left join allocations al on al.person_id = p.id and al.ended_at is null
    left join teams t on t.id = al.team_id
    left join users u on u.id = al.worker_user_id
    where p.la_code = ${laCode} and p.kind in ('child', 'unborn') and p.id = ${personId}
    limit 1`.execute(tx);
  const r = res.rows[0];
  if (r === undefined) return null;
  const rows = {} as RecordRows;
  for (const k of Object.keys(ONE) as (keyof RecordRows)[])
    (rows as unknown as Record<string, unknown>)[k] = r[k];
  const child: ChildRow = {
    id: r.id,
    kind: r.kind,
    la_child_id: r.la_child_id,
    given_name: r.given_name,
    family_name: r.family_name,
    is_restricted: r.is_restricted,
    upn: r.upn,
    nhs_number: r.nhs_number,
    date_of_birth: r.date_of_birth,
    expected_date_of_birth: r.expected_date_of_birth,
    date_of_death: r.date_of_death,
    sex: r.sex,
    ethnicity: r.ethnicity,
    disabilities: r.disabilities ?? [],
    postcode: r.postcode,
    team_name: r.team_name,
    worker_name: r.worker_name,
    worker_id: r.worker_id,
  };
  return { child, rows };
}
