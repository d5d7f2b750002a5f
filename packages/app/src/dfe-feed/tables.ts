/** The DfE feed's tables (migrations 0033 and 0044), for Kysely. */
import type { ColumnType, Generated } from 'kysely';

export type DfePushStatus = 'sending' | 'sent' | 'nothing to send' | 'rejected' | 'skipped';
export type DfeRequestStatus = 'queued' | 'retrying' | 'accepted' | 'rejected';

/** What a request keeps for each child until the DfE accepts it. */
export interface DfeKeptChange {
  laChildId: string;
  kind: 'new' | 'changed' | 'deleted' | 'details-purge';
  hash: string | null;
  parts: string[];
}

/** A part of a request the DfE accepted (after a 413 split; or the whole request): migration 0044. */
export interface DfeAcceptedPart {
  at: string;
  receipt: string | null;
  /** The LA child IDs it carried, in order. */
  children: string[];
}

export interface DfeAttempt {
  at: string;
  status: number | null;
  reason: string | null;
}

export interface DfeRefusal {
  laChildId: string;
  errors: { path: string; message: string }[];
}

type Json<T> = ColumnType<T, string, string>;

export interface DfePushesTable {
  id: Generated<string>;
  la_code: string;
  trigger: 'schedule' | 'command';
  job_id: string | null;
  requested_by: string | null;
  started_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: Date | null;
  status: DfePushStatus;
  children_new: ColumnType<number, number | undefined, number>;
  children_changed: ColumnType<number, number | undefined, number>;
  children_deleted: ColumnType<number, number | undefined, number>;
  children_unchanged: ColumnType<number, number | undefined, number>;
  children_refused: ColumnType<number, number | undefined, number>;
  requests: ColumnType<number, number | undefined, number>;
  reason: string | null;
  refused: ColumnType<DfeRefusal[], string | undefined, string>;
}

export interface DfePushRequestsTable {
  la_code: string;
  push_id: string;
  request_no: number;
  children: number;
  body: ColumnType<unknown, string | null, string | null>;
  changes: Json<DfeKeptChange[]>;
  status: ColumnType<DfeRequestStatus, DfeRequestStatus | undefined, DfeRequestStatus>;
  http_status: number | null;
  receipt: string | null;
  reason: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  history: ColumnType<DfeAttempt[], string | undefined, string>;
  at: Date | null;
  accepted_parts: ColumnType<DfeAcceptedPart[], string | undefined, string>;
}

export interface DfePushedChildrenTable {
  la_code: string;
  la_child_id: string;
  content_hash: string;
  parts: Json<string[]>;
  pushed_at: ColumnType<Date, Date | undefined, Date>;
  push_id: string | null;
}

declare module '../db/schema.ts' {
  interface Schema {
    dfe_pushes: DfePushesTable;
    dfe_push_requests: DfePushRequestsTable;
    dfe_pushed_children: DfePushedChildrenTable;
  }
}
