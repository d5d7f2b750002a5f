/**
 * The duplicate check before a person is created: people in the caller's LA who may be the same
 * person, retrieved in SQL by name (trigram, Double Metaphone), date of birth, NHS number and
 * current postcode, then scored by @waypoint/linkage with the reasons for each score. A record the
 * caller may not open is described by name, date of birth and age only. Restricted records the
 * caller may not see are never candidates.
 */
import { explainPair, LinkageModel, RecordStore, type PersonRecord } from '@waypoint/linkage';
import { sql } from 'kysely';
import type { AccessContext } from '../access/access-context.ts';
import { accessColumns, accessOf, restrictionAllowsSql } from '../access/relationships.ts';
import type { Tx } from '../db/tenant.ts';
import { ageOn } from '../presenters/person.ts';
import type { AddressInput, PersonInput } from './person-input.ts';

/** The built-in model with its hand-set parameters: no training data leaves the LA. */
const model = LinkageModel.untrained();
/** Candidates below this match probability are not worth a worker's attention. */
export const MIN_PROBABILITY = 0.1;

const comparisonNames: Record<string, string> = {
  given_name: 'Given name',
  family_name: 'Family name',
  dob: 'Date of birth',
  sex: 'Sex',
  home: 'Address',
  nhs_number: 'NHS number',
};

export interface DuplicateCandidate {
  id: string;
  name: string;
  dateOfBirth: string | null;
  age: string | null;
  /** 0–100, rounded. */
  percent: number;
  /** "Date of birth: exact", "Given name: nickname or short form", strongest first. */
  reasons: string[];
  canOpen: boolean;
  canBreakGlass: boolean;
  /** Only for records the caller may open. */
  nhsNumber: string | null;
}

function probe(p: PersonInput, a: AddressInput | undefined): PersonRecord {
  return {
    id: '__new__',
    given_name: p.givenName,
    family_name: p.familyName,
    dob: p.kind === 'unborn' ? null : (p.dateOfBirth ?? null),
    sex: p.sex === 'unknown' ? null : (p.sex ?? null),
    nhs_number: p.nhsNumber ?? null,
    postcode: a?.postcode ?? null,
    address: a === undefined ? null : [a.line1, a.line2].filter(Boolean).join(', '),
    town: a?.town ?? null,
  };
}

/** Letters only, lower case, without accents: "O'Brien-Smith" and "obrien smith" give one key. */
function canonicalName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The keys under which two people being created at once may be the same person: the LA with the
 * date of birth (or expected date), with the canonical family name, and with the NHS number.
 * Two duplicates share at least one of them even when the names are spelt differently.
 */
export function candidateLockKeys(
  laCode: string,
  p: Pick<PersonInput, 'kind' | 'familyName' | 'dateOfBirth' | 'expectedDateOfBirth' | 'nhsNumber'>,
): string[] {
  const date = p.kind === 'unborn' ? p.expectedDateOfBirth : p.dateOfBirth;
  const keys = [`person:${laCode}:family:${canonicalName(p.familyName)}`];
  if (date !== undefined) keys.push(`person:${laCode}:date:${date}`);
  if (p.nhsNumber !== undefined) keys.push(`person:${laCode}:nhs:${p.nhsNumber}`);
  return keys.sort();
}

/**
 * Holds the duplicate check of a person being created against every concurrent create that may be
 * the same person, until the transaction ends: transaction-scoped advisory locks on the candidate
 * keys, taken in one order (no deadlock). The check that follows is a new statement, so it sees a
 * person committed by the transaction that held the lock before (READ COMMITTED). Without it, two
 * concurrent creates of one new person each found no candidate and both succeeded.
 */
export async function lockCandidateKeys(tx: Tx, laCode: string, p: PersonInput): Promise<void> {
  for (const key of candidateLockKeys(laCode, p))
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}

/** Possible duplicates of a person about to be created, best first. Reads only; the caller audits. */
export async function duplicateCandidates(
  tx: Tx,
  ctx: AccessContext,
  p: PersonInput,
  a: AddressInput | undefined,
  limit = 10,
): Promise<DuplicateCandidate[]> {
  const full = `${p.givenName} ${p.familyName}`;
  const dob = p.kind === 'unborn' ? null : (p.dateOfBirth ?? null);
  const la = ctx.actor.laCode;
  // Candidates by index look-ups only (trigram, Double Metaphone, date of birth, NHS number, postcode),
  // fetched as their own statement: as a sub-query, a planner without statistics (PGlite before its
  // first ANALYZE) re-ran the name look-up per person and one check took minutes.
  const found = await sql<{ id: string }>`
    select person_name_candidates(${full}, ${p.familyName}) as id
    ${dob !== null ? sql`union select id from people where la_code = ${la} and date_of_birth = ${dob}` : sql``}
    ${p.nhsNumber !== undefined ? sql`union select id from people where la_code = ${la} and nhs_number = ${p.nhsNumber}` : sql``}
    ${a !== undefined ? sql`union select person_id from addresses where la_code = ${la} and ended_on is null and postcode = ${a.postcode}` : sql``}
  `.execute(tx);
  const ids = found.rows.map((r) => r.id).filter((id) => id !== null);
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('people')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('addresses')
          .select(['line1', 'line2', 'town', 'postcode'])
          .whereRef('addresses.person_id', '=', 'people.id')
          .where('ended_on', 'is', null)
          .orderBy('started_on', 'desc')
          .limit(1)
          .as('home'),
      (j) => j.onTrue(),
    )
    .selectAll('people')
    .select(['home.line1', 'home.line2', 'home.town', 'home.postcode'])
    .select(accessColumns(ctx))
    .where('people.la_code', '=', la)
    .where(sql<boolean>`people.id = any(${ids}::uuid[])`)
    .where(() => restrictionAllowsSql(ctx))
    .orderBy(sql`similarity(people.given_name || ' ' || people.family_name, ${full})`, 'desc')
    .limit(300)
    .execute();
  if (rows.length === 0) return [];
  const records: PersonRecord[] = [
    probe(p, a),
    ...rows.map((r) => ({
      id: r.id,
      given_name: r.given_name,
      family_name: r.family_name,
      dob: r.date_of_birth,
      sex: r.sex === 'unknown' ? null : r.sex,
      nhs_number: r.nhs_number,
      postcode: r.postcode,
      address: r.line1 === null ? null : [r.line1, r.line2].filter(Boolean).join(', '),
      town: r.town,
    })),
  ];
  const store = RecordStore.from(records);
  const scored = rows.map((r, k) => ({ row: r, e: explainPair(model, store.data, 0, k + 1) }));
  return scored
    .filter(({ e }) => e.guard === null && e.matchProbability >= MIN_PROBABILITY)
    .sort((x, y) => y.e.matchWeight - x.e.matchWeight)
    .slice(0, limit)
    .map(({ row, e }) => {
      const { abilities } = accessOf(ctx.actor.roles, row);
      return {
        id: row.id,
        name: `${row.given_name} ${row.family_name}`,
        dateOfBirth: row.date_of_birth,
        age: ageOn(row.date_of_birth),
        percent: Math.round(e.matchProbability * 1000) / 10,
        reasons: e.terms
          .filter((t) => t.weight > 0)
          .sort((x, y) => y.weight - x.weight)
          .map((t) => `${comparisonNames[t.comparison] ?? t.comparison}: ${t.label}`),
        canOpen: abilities.view,
        canBreakGlass: abilities.break_glass,
        nhsNumber: abilities.view ? row.nhs_number : null,
      };
    });
}
