/**
 * The transfer package: what the sending LA gives the receiving LA when a child moves, built once
 * when the transfer is asked for and sealed (its JSON text and that text's sha256 stored with the
 * transfer, never changed). The child's identity (what is needed to create their record), their
 * current address unless it is restricted, the plans in place, the chronology (the journey's
 * events, with their factual detail: no case notes and no child's own words) and the professionals
 * working with them (the allocation and the involvements).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { loadJourneyState } from '../journey/state.ts';
import { readTimeline } from '../journey/timeline.ts';

export interface TransferPackage {
  version: 1;
  builtOn: string;
  from: { laCode: string; name: string };
  child: {
    kind: 'child' | 'unborn';
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    expectedDateOfBirth: string | null;
    sex: 'female' | 'male' | 'unknown' | null;
    nhsNumber: string | null;
    upn: string | null;
    ethnicity: string | null;
    disabilities: string[];
    firstLanguage: string | null;
    interpreterNeeded: boolean | null;
  };
  /** The current address, unless it is restricted (a refuge is never sent on). */
  address: {
    line1: string;
    line2: string | null;
    town: string | null;
    postcode: string;
    startedOn: string;
  } | null;
  plans: { kind: string; since: string; category: string | null; goals: string[] }[];
  chronology: {
    date: string;
    title: string;
    agency: string | null;
    author: string | null;
    text: string | null;
  }[];
  professionals: { name: string; role: string; organisation: string; since: string }[];
}

/** Builds the package of `personId` (in the sending LA's transaction). */
export async function buildPackage(
  tx: Tx,
  personId: string,
  laCode: string,
  on: string,
): Promise<TransferPackage> {
  const p = await tx
    .selectFrom('people')
    .selectAll()
    .where('id', '=', personId)
    .where('la_code', '=', laCode)
    .executeTakeFirstOrThrow();
  const la = await tx
    .selectFrom('local_authorities')
    .select('name')
    .where('la_code', '=', laCode)
    .executeTakeFirstOrThrow();
  const address = await tx
    .selectFrom('addresses')
    .select(['line1', 'line2', 'town', 'postcode', 'started_on', 'is_restricted'])
    .where('person_id', '=', personId)
    .where('ended_on', 'is', null)
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
  const state = await loadJourneyState(tx, personId);
  const { events } = await readTimeline(tx, personId, { caseNotes: false });
  const professionals = await sql<{ name: string; role: string; organisation: string; since: string }>`
    select u.name, 'Allocated worker, ' || t.name as role, o.name as organisation, to_char(a.started_at, 'YYYY-MM-DD') as since
      from allocations a join teams t on t.id = a.team_id join users u on u.id = a.worker_user_id
      join organisations o on o.id = u.organisation_id
     where a.person_id = ${personId} and a.ended_at is null
    union all
    select coalesce(u.name, o.name), i.role, o.name, to_char(i.started_on, 'YYYY-MM-DD')
      from involvements i join organisations o on o.id = i.organisation_id left join users u on u.id = i.user_id
     where i.person_id = ${personId} and (i.source = 'council' or i.linked_at is not null) and i.erased_at is null
       and (i.ended_on is null or i.ended_on >= current_date)
    order by 4`.execute(tx);
  return {
    version: 1,
    builtOn: on,
    from: { laCode, name: la.name },
    child: {
      kind: p.kind === 'unborn' ? 'unborn' : 'child',
      givenName: p.given_name,
      familyName: p.family_name,
      dateOfBirth: p.date_of_birth,
      expectedDateOfBirth: p.expected_date_of_birth,
      sex: p.sex,
      nhsNumber: p.nhs_number,
      upn: p.upn,
      ethnicity: p.ethnicity,
      disabilities: p.disabilities,
      firstLanguage: p.first_language,
      interpreterNeeded: p.interpreter_needed,
    },
    address:
      address === undefined || address.is_restricted
        ? null
        : {
            line1: address.line1,
            line2: address.line2,
            town: address.town,
            postcode: address.postcode,
            startedOn: address.started_on,
          },
    plans: state.activePlans.map((plan) => ({
      kind: plan.kind,
      since: plan.since,
      category: plan.kind === 'cp' ? (state.activeCpPlan?.category ?? null) : null,
      goals: plan.goals.map((g) => g.goal),
    })),
    chronology: events.map((e) => ({
      date: e.date,
      title: e.title,
      agency: e.agency,
      author: e.author,
      text: e.text,
    })),
    professionals: professionals.rows,
  };
}

/** The package as stored: its JSON text and that text's sha256. */
export function sealPackage(pkg: TransferPackage): { text: string; sha256: string } {
  const text = JSON.stringify(pkg);
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}
