/**
 * What the access rules need to know about the caller beyond the Actor: the teams below theirs
 * (their management line) and whether they work for the LA they are acting in.
 */
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/tenant.ts';

export interface AccessContext {
  actor: Actor;
  /** Teams strictly below the actor's own teams (services and directorates manage these). */
  managedTeamIds: string[];
  /** True when the actor's organisation is the council whose records these are. */
  worksForLa: boolean;
}

export async function buildAccessContext(tx: Tx, actor: Actor): Promise<AccessContext> {
  const own = [...actor.teamIds];
  // One statement: the teams below the caller's, and whether their organisation is this LA.
  const { rows } = await sql<{ below: string[] | null; works_for_la: boolean | null }>`
    with recursive below(id) as (
      select t.id from teams t where t.parent_team_id = any(${own}::uuid[]) and t.active
      union
      select t.id from teams t join below b on t.parent_team_id = b.id where t.active
    )
    select (select array_agg(id::text) from below) as below,
      (select o.kind = 'local_authority' and o.la_code = ${actor.laCode} from organisations o where o.id = ${actor.organisationId}) as works_for_la`.execute(
    tx,
  );
  const row = rows[0];
  return {
    actor,
    managedTeamIds: (row?.below ?? []).filter((id) => !own.includes(id)),
    worksForLa: row?.works_for_la === true,
  };
}
