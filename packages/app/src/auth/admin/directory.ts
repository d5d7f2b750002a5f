/** What an administrator picks from: organisations working in the LA, and the LA's teams. */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

export interface Choice {
  id: string;
  name: string;
}

/** Active organisations that work in the LA area, by name. */
export async function organisationsIn(db: Kysely<Schema>, laCode: string): Promise<Choice[]> {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_areas', 'organisation_areas.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name'])
    .where('organisation_areas.la_code', '=', laCode)
    .where('organisations.active', '=', true)
    .orderBy('organisations.name')
    .execute();
}

export interface TeamRow extends Choice {
  parentTeamId: string | null;
  parentName: string | null;
  active: boolean;
  members: number;
}

/** The LA's teams (active first, then by name) with their parent and current member count. */
export async function teamsIn(db: Kysely<Schema>, laCode: string, activeOnly = false): Promise<TeamRow[]> {
  let q = db
    .selectFrom('teams as t')
    .leftJoin('teams as p', 'p.id', 't.parent_team_id')
    .select((eb) => [
      't.id',
      't.name',
      't.parent_team_id',
      't.active',
      'p.name as parent_name',
      eb
        .selectFrom('team_memberships as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.team_id', '=', 't.id')
        .where('m.ended_at', 'is', null)
        .as('members'),
    ])
    .where('t.la_code', '=', laCode);
  if (activeOnly) q = q.where('t.active', '=', true);
  const rows = await q.orderBy('t.active', 'desc').orderBy('t.name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    parentTeamId: r.parent_team_id,
    parentName: r.parent_name,
    active: r.active,
    members: r.members ?? 0,
  }));
}

/** Active inspectorates (regulators) that work in the LA area, by name: whose staff inspect it. */
export async function inspectoratesIn(db: Kysely<Schema>, laCode: string): Promise<Choice[]> {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_areas', 'organisation_areas.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name'])
    .where('organisation_areas.la_code', '=', laCode)
    .where('organisations.active', '=', true)
    .where('organisations.kind', '=', 'regulator')
    .orderBy('organisations.name')
    .execute();
}
