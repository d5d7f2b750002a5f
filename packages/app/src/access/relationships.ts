/**
 * Each relationship that can grant access, defined once in SQL over a `people` row. The same
 * definitions answer "which relationships does the caller have with this person?" (one record)
 * and filter lists (search, caseload) to what the caller may see.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AccessContext } from './access-context.ts';
import {
  abilitiesFor,
  afterTransferOut,
  relationships,
  relationshipsGranting,
  retainedAfterTransferOut,
  type Abilities,
  type Relationship,
} from './policy.ts';

const none: RawBuilder<boolean> = sql<boolean>`false`;

/** SQL boolean expressions, one per relationship, over the current `people` row. */
export function relationshipSql(ctx: AccessContext): Record<Relationship, RawBuilder<boolean>> {
  const me = ctx.actor.userId;
  const person = sql.ref('people.id');
  const teams = [...ctx.actor.teamIds];
  const managed = ctx.managedTeamIds;
  return {
    allocated_worker: sql<boolean>`exists (select 1 from allocations a where a.person_id = ${person} and a.ended_at is null and a.worker_user_id = ${me})`,
    allocated_team:
      teams.length === 0
        ? none
        : sql<boolean>`exists (select 1 from allocations a where a.person_id = ${person} and a.ended_at is null and a.team_id = any(${teams}::uuid[]))`,
    management_line:
      managed.length === 0
        ? none
        : sql<boolean>`exists (select 1 from allocations a where a.person_id = ${person} and a.ended_at is null and a.team_id = any(${managed}::uuid[]))`,
    // Only an involvement the council recorded on this record, or a partner's once the LA has linked
    // it (a partner's own is in its own space until then: recording one never grants the council's
    // record), within its dates.
    involved_professional: sql<boolean>`exists (select 1 from involvements i where i.person_id = ${person} and i.user_id = ${me}
      and (i.source = 'council' or i.linked_at is not null) and i.erased_at is null
      and i.started_on <= current_date and (i.ended_on is null or i.ended_on >= current_date))`,
    front_door_screening: ctx.worksForLa
      ? sql<boolean>`exists (select 1 from contacts c where c.person_id = ${person} and c.status = 'screening')`
      : none,
    inspection_sample: sql<boolean>`exists (select 1 from inspection_samples s
      join inspections ins on ins.id = s.inspection_id
      join inspection_inspectors ii on ii.inspection_id = s.inspection_id
      where s.person_id = ${person} and ii.user_id = ${me} and now() >= ins.starts_at and now() < ins.ends_at)`,
    break_glass: sql<boolean>`exists (select 1 from break_glass_grants g where g.person_id = ${person} and g.user_id = ${me} and g.expires_at > now())`,
    learning_review: learningReviewSql(me, person),
    same_la: ctx.worksForLa ? sql<boolean>`true` : none,
  };
}

/**
 * Named on an open learning review that decided on a local review, whose subject children include
 * the person (or, when the partnership granted it, one of them is related to the person), and not
 * involved with any of its children (no involvement or allocation, ever). Ends when the review closes.
 */
function learningReviewSql(me: string, person: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from review_reviewers rr join learning_reviews r on r.id = rr.review_id
    where rr.user_id = ${me} and r.status = 'open' and r.decision = 'local-review'
    and (exists (select 1 from review_children rc where rc.review_id = r.id and rc.person_id = ${person})
      or (r.household_access and exists (select 1 from review_children rc join person_relationships pr
        on (pr.person_id = rc.person_id and pr.related_person_id = ${person}) or (pr.related_person_id = rc.person_id and pr.person_id = ${person})
        where rc.review_id = r.id)))
    and not exists (select 1 from review_children rc where rc.review_id = r.id
      and (exists (select 1 from involvements i where i.person_id = rc.person_id and i.user_id = ${me})
        or exists (select 1 from allocations a where a.person_id = rc.person_id and a.worker_user_id = ${me}))))`;
}

/**
 * A restricted record (e.g. a child in a refuge, an adoption placement) is visible only to the
 * allocated worker, people named on it, and holders of the roles named on it.
 */
export function restrictionAllowsSql(ctx: AccessContext): RawBuilder<boolean> {
  const me = ctx.actor.userId;
  const roles = [...ctx.actor.roles];
  return sql<boolean>`(not people.is_restricted
    or exists (select 1 from allocations a where a.person_id = people.id and a.ended_at is null and a.worker_user_id = ${me})
    or exists (select 1 from restricted_access ra where ra.person_id = people.id and ra.user_id = ${me})
    or people.restricted_roles && ${roles}::text[])`;
}

/**
 * The current `people` row was transferred to another LA, which accepted it, and has not come back
 * since (a later accepted transfer into this LA matched to it): its LA's workers lose it
 * (`afterTransferOut` in policy.ts). Visible to the sending tenant only, as the row is its own.
 */
export function transferredOutSql(): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from transfers t where t.person_id = people.id and t.la_code = people.la_code
    and t.status = 'accepted'
    and not exists (select 1 from transfers b where b.received_person_id = people.id and b.status = 'accepted'
      and b.decided_at > t.decided_at))`;
}

/**
 * For list filters (search): the person is not transferred out, or the caller holds a relationship
 * that still gives their roles something on a transferred record (the data protection officer's
 * audit and export).
 */
export function transferAllowsSql(ctx: AccessContext): RawBuilder<boolean> {
  const keeping = [
    ...new Set(retainedAfterTransferOut.flatMap((a) => relationshipsGranting(ctx.actor.roles, a))),
  ];
  return sql<boolean>`(not ${transferredOutSql()} or ${anyOf(ctx, keeping)})`;
}

/** The relationships in `rels` OR-ed together, for a list filter; false when there are none. */
export function anyOf(ctx: AccessContext, rels: readonly Relationship[]): RawBuilder<boolean> {
  if (rels.length === 0) return none;
  const all = relationshipSql(ctx);
  return sql<boolean>`(${sql.join(
    rels.map((r) => all[r]),
    sql` or `,
  )})`;
}

/** The name of a relationship's flag column in a row selected with `accessColumns`. */
type FlagColumn = `rel_${Relationship}`;
const flagColumn = (r: Relationship): FlagColumn => `rel_${r}`;

/**
 * The caller's access to each `people` row as columns, to select beside it: one boolean per
 * relationship (`rel_<name>`) and `restriction_allows`. `accessOf` turns them into abilities.
 * @example tx.selectFrom('people').selectAll('people').select(accessColumns(ctx))
 */
export function accessColumns(ctx: AccessContext) {
  const rel = relationshipSql(ctx);
  return [
    ...relationships.map((r) => rel[r].as(flagColumn(r))),
    restrictionAllowsSql(ctx).as('restriction_allows'),
    transferredOutSql().as('transferred_out'),
  ];
}

export interface RowAccess {
  /** The relationships the caller holds with the person. */
  held: Relationship[];
  /** What those relationships let the caller's roles do: nothing when the record is restricted from them. */
  abilities: Abilities;
  /** False when the record is restricted and the caller is not among those it allows. */
  restrictionAllows: boolean;
  /** True when the record was transferred to another LA that accepted it (access then ends). */
  transferredOut: boolean;
}

/**
 * THE one way a row's relationship flags (selected with `accessColumns`) become abilities, for
 * one record, a search result, a duplicate candidate or a relative alike.
 */
export function accessOf(roles: AccessContext['actor']['roles'], row: object): RowAccess {
  const flags = row as Record<string, unknown>;
  const held = relationships.filter((r) => flags[flagColumn(r)] === true);
  const restrictionAllows = flags.restriction_allows !== false;
  const transferredOut = flags.transferred_out === true;
  const granted = abilitiesFor(roles, new Set(restrictionAllows ? held : []));
  const abilities = transferredOut ? afterTransferOut(granted) : granted;
  return { held, abilities, restrictionAllows, transferredOut };
}

/** The row without the columns `accessColumns` added. */
export function withoutAccessColumns<T extends object>(
  row: T,
): Omit<T, FlagColumn | 'restriction_allows' | 'transferred_out'> {
  return Object.fromEntries(
    Object.entries(row).filter(
      ([k]) => !k.startsWith('rel_') && k !== 'restriction_allows' && k !== 'transferred_out',
    ),
  ) as Omit<T, FlagColumn | 'restriction_allows' | 'transferred_out'>;
}
