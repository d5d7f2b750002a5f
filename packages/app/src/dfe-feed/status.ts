/**
 * The DfE feed's status for the data team (`/returns/dfe-feed`): the last pushes with their
 * counts, each request of the latest push with the DfE's receipt or reason, the refusals of the
 * last 30 days, and the children the schema refused. Only counts, LA child IDs, schema paths and
 * the DfE's answers: never a child's details. For the `see_returns` capability (the route checks).
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import type { DfePushStatus, DfeRefusal, DfeRequestStatus } from './tables.ts';

export interface PushSummary {
  id: string;
  trigger: 'schedule' | 'command';
  by: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: DfePushStatus;
  counts: { new: number; changed: number; deleted: number; unchanged: number; refused: number };
  requests: number;
  reason: string | null;
}

export interface RequestSummary {
  pushId: string;
  startedAt: Date;
  requestNo: number;
  children: number;
  status: DfeRequestStatus;
  httpStatus: number | null;
  receipt: string | null;
  reason: string | null;
  attempts: number;
  at: Date | null;
}

export interface DfeFeedStatus {
  pushes: PushSummary[];
  latest: { push: PushSummary; requests: RequestSummary[]; refused: DfeRefusal[] } | null;
  refusals: RequestSummary[];
  /** Requests of the LA still queued or retrying. */
  waiting: number;
}

/** The status of `laCode`'s feed (the 10 latest pushes). */
export async function dfeFeedStatus(db: Kysely<Schema>, laCode: string): Promise<DfeFeedStatus> {
  return inTenant(db, laCode, async (tx) => {
    const rows = await tx
      .selectFrom('dfe_pushes as p')
      .leftJoin('users as u', 'u.id', 'p.requested_by')
      .select([
        'p.id',
        'p.trigger',
        'u.name as by',
        'p.started_at',
        'p.finished_at',
        'p.status',
        'p.children_new',
        'p.children_changed',
        'p.children_deleted',
        'p.children_unchanged',
        'p.children_refused',
        'p.requests',
        'p.reason',
        'p.refused',
      ])
      .where('p.la_code', '=', laCode)
      .orderBy('p.started_at', 'desc')
      .limit(10)
      .execute();
    const pushes: PushSummary[] = rows.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      by: r.by,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      status: r.status,
      counts: {
        new: r.children_new,
        changed: r.children_changed,
        deleted: r.children_deleted,
        unchanged: r.children_unchanged,
        refused: r.children_refused,
      },
      requests: r.requests,
      reason: r.reason,
    }));
    const requestsOf = tx
      .selectFrom('dfe_push_requests as q')
      .innerJoin('dfe_pushes as p', 'p.id', 'q.push_id')
      .select([
        'q.push_id',
        'p.started_at',
        'q.request_no',
        'q.children',
        'q.status',
        'q.http_status',
        'q.receipt',
        'q.reason',
        'q.attempts',
        'q.at',
      ])
      .where('q.la_code', '=', laCode);
    const toSummary = (q: Awaited<ReturnType<typeof requestsOf.execute>>[number]): RequestSummary => ({
      pushId: q.push_id,
      startedAt: q.started_at,
      requestNo: q.request_no,
      children: q.children,
      status: q.status,
      httpStatus: q.http_status,
      receipt: q.receipt,
      reason: q.reason,
      attempts: q.attempts,
      at: q.at,
    });
    const first = rows[0];
    const latest =
      first === undefined || pushes[0] === undefined
        ? null
        : {
            push: pushes[0],
            requests: (
              await requestsOf.where('q.push_id', '=', first.id).orderBy('q.request_no').limit(500).execute()
            ).map(toSummary),
            refused: first.refused,
          };
    const refusals = (
      await requestsOf
        .where('q.status', '=', 'rejected')
        .where('p.started_at', '>=', sql<Date>`now() - interval '30 days'`)
        .orderBy('p.started_at', 'desc')
        .orderBy('q.request_no')
        .limit(100)
        .execute()
    ).map(toSummary);
    const waiting = await tx
      .selectFrom('dfe_push_requests')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('la_code', '=', laCode)
      .where('status', 'in', ['queued', 'retrying'])
      .executeTakeFirstOrThrow();
    return { pushes, latest, refusals, waiting: waiting.n };
  });
}
