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
  const [below, org] = await Promise.all([
    own.length === 0
      ? Promise.resolve({ rows: [] as { id: string }[] })
      : sql<{ id: string }>`
          with recursive below(id) as (
            select t.id from teams t where t.parent_team_id = any(${own}::uuid[]) and t.active
            union
            select t.id from teams t join below b on t.parent_team_id = b.id where t.active
          )
          select id from below`.execute(tx),
    tx
      .selectFrom('organisations')
      .select(['kind', 'la_code'])
      .where('id', '=', actor.organisationId)
      .executeTakeFirst(),
  ]);
  return {
    actor,
    managedTeamIds: below.rows.map((r) => r.id).filter((id) => !own.includes(id)),
    worksForLa: org?.kind === 'local_authority' && org.la_code === actor.laCode,
  };
}
