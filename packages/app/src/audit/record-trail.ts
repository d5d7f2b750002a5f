/**
 * A person's record as the audit saw it, through the caller-bound repository: "who has viewed this
 * record" for the record's managers and the data protection officer (grouped by person and day,
 * paged, in words), and the export of every audit event about a person for a subject access
 * request. Both are themselves audited.
 */
import { sql } from 'kysely';
import type { Abilities } from '../access/policy.ts';
import type { Tx } from '../db/tenant.ts';
import type { PersonRecords, PersonRow } from '../records/person-records.ts';

export interface AuditTrailEntry {
  occurredAt: Date;
  action: string;
  outcome: string;
  actorName: string | null;
  actorEmail: string | null;
  organisation: string | null;
  onBehalfOf: string | null;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}

/** Every audit event about a person (subject access request), newest first. */
export async function exportAuditTrail(
  records: PersonRecords,
  personId: string,
): Promise<{ person: PersonRow; abilities: Abilities; entries: AuditTrailEntry[] }> {
  return records.withRecord(personId, 'export_audit', 'audit.export', async (tx, opened, ctx) => {
    const rows = await tx
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
      .select([
        'e.occurred_at',
        'e.action',
        'e.outcome',
        'e.on_behalf_of',
        'e.reason',
        'e.ip',
        'e.request_id',
        'u.name',
        'u.email',
        'o.name as org_name',
      ])
      .where('e.subject_person_id', '=', personId)
      .where('e.la_code', '=', ctx.actor.laCode)
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.seq', 'desc')
      .execute();
    return {
      person: opened.person,
      abilities: opened.abilities,
      entries: rows.map((r) => ({
        occurredAt: new Date(r.occurred_at),
        action: r.action,
        outcome: r.outcome,
        actorName: r.name,
        actorEmail: r.email,
        organisation: r.org_name,
        onBehalfOf: r.on_behalf_of,
        reason: r.reason,
        ip: r.ip,
        requestId: r.request_id,
      })),
    };
  });
}

/** What "who has viewed" lists: the disclosures of a record. */
const disclosures = ['record.view', 'record.print', 'record.export', 'break_glass.grant'] as const;

/** One person's disclosures of the record on one day (in England). */
export interface ViewerDay {
  /** YYYY-MM-DD, the day in England. */
  day: string;
  actorName: string | null;
  organisation: string | null;
  onBehalfOf: string | null;
  views: number;
  /** Of the views, those a named reviewer made for a learning review (`review_read`). */
  reviewViews: number;
  prints: number;
  exports: number;
  /** The reasons given for emergency access that day. */
  emergencyReasons: string[];
  /** Attempts refused (the record was not theirs to open). */
  refused: number;
  firstAt: Date;
  lastAt: Date;
}

export const VIEWERS_PAGE_SIZE = 25;

/**
 * Who has viewed a person's record: one row per person and day, newest first, a page at a time;
 * audited as a view of the audit. @throws NotFoundError unless the caller may view the audit
 */
export async function whoViewed(
  records: PersonRecords,
  personId: string,
  opts: { page?: number; pageSize?: number } = {},
): Promise<{ person: PersonRow; abilities: Abilities; days: ViewerDay[]; total: number; page: number }> {
  const size = opts.pageSize ?? VIEWERS_PAGE_SIZE;
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  return records.withRecord(personId, 'view_audit', 'audit.view', async (tx, opened, ctx) => {
    const day = sql<string>`((e.occurred_at at time zone 'Europe/London')::date)::text`;
    const counted = (action: (typeof disclosures)[number]) =>
      sql<number>`(count(*) filter (where e.action = ${action} and e.outcome = 'success'))::int`;
    const rows = await tx
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
      .select([
        day.as('day'),
        'u.name',
        'o.name as org_name',
        'e.on_behalf_of',
        counted('record.view').as('views'),
        sql<number>`(count(*) filter (where e.action = 'record.view' and e.outcome = 'success' and e.reason like 'learning review %'))::int`.as(
          'review_views',
        ),
        counted('record.print').as('prints'),
        counted('record.export').as('exports'),
        sql<
          string[] | null
        >`array_agg(distinct e.reason) filter (where e.action = 'break_glass.grant' and e.outcome = 'success' and e.reason is not null)`.as(
          'reasons',
        ),
        sql<number>`(count(*) filter (where e.outcome <> 'success'))::int`.as('refused'),
        sql<Date | string>`min(e.occurred_at)`.as('first_at'),
        sql<Date | string>`max(e.occurred_at)`.as('last_at'),
        sql<number>`(count(*) over ())::int`.as('total'),
      ])
      .where('e.subject_person_id', '=', personId)
      .where('e.la_code', '=', ctx.actor.laCode)
      .where('e.action', 'in', disclosures)
      .groupBy([day, 'e.actor_user_id', 'u.name', 'o.name', 'e.on_behalf_of'])
      .orderBy(day, 'desc')
      .orderBy(sql`max(e.occurred_at)`, 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute();
    return {
      person: opened.person,
      abilities: opened.abilities,
      page,
      total: rows[0]?.total ?? (page > 1 ? await countDays(tx, personId, ctx.actor.laCode) : 0),
      days: rows.map((r) => ({
        day: r.day,
        actorName: r.name,
        organisation: r.org_name,
        onBehalfOf: r.on_behalf_of,
        views: r.views,
        reviewViews: r.review_views,
        prints: r.prints,
        exports: r.exports,
        emergencyReasons: r.reasons ?? [],
        refused: r.refused,
        firstAt: new Date(r.first_at),
        lastAt: new Date(r.last_at),
      })),
    };
  });
}

/** How many person-days there are, for a page beyond the last. */
async function countDays(tx: Tx, personId: string, laCode: string): Promise<number> {
  const row = await tx
    .selectFrom('audit_events as e')
    .select(
      sql<number>`(count(distinct (((e.occurred_at at time zone 'Europe/London')::date)::text, e.actor_user_id, e.on_behalf_of)))::int`.as(
        'n',
      ),
    )
    .where('e.subject_person_id', '=', personId)
    .where('e.la_code', '=', laCode)
    .where('e.action', 'in', disclosures)
    .executeTakeFirst();
  return row?.n ?? 0;
}
