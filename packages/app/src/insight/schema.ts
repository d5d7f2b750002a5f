/** The insight tables (migration 0018), added to Kysely's `Schema` beside the capability. */
import type { ColumnType, Generated } from 'kysely';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FrictionReportsTable {
  id: Generated<string>;
  la_code: string;
  reporter_user_id: string;
  page: string;
  body: string;
  reply: string | null;
  replied_by: string | null;
  replied_at: Stamp | null;
  what_changed: string | null;
  changed_at: Stamp | null;
  version: Generated<number>;
  created_at: Stamp;
}

export interface SupervisionsTable {
  id: Generated<string>;
  la_code: string;
  worker_user_id: string;
  manager_user_id: string;
  held_on: string;
  reflections: string;
  decisions: string;
  actions: string | null;
  created_at: Stamp;
}

export interface SupervisionChildrenTable {
  supervision_id: string;
  person_id: string;
  la_code: string;
}

declare module '../db/schema.ts' {
  interface Schema {
    friction_reports: FrictionReportsTable;
    supervisions: SupervisionsTable;
    supervision_children: SupervisionChildrenTable;
  }
}

/** The burden of recording (migration 0023): one row per recording form opened. */
export interface FormOpeningsTable {
  id: string;
  la_code: string;
  user_id: string;
  task: string;
  field_names: string[];
  inputs_required: number;
  opened_at: Stamp;
  saved_at: Stamp | null;
  seconds_to_save: number | null;
  timed_in: 'browser' | 'server' | null;
  inputs_filled: number | null;
  error_rounds: Generated<number>;
}

declare module '../db/schema.ts' {
  interface Schema {
    form_openings: FormOpeningsTable;
  }
}

/** Practice insight's figures worked out ahead (migration 0027, summaries.ts). */
export interface InsightSummariesTable {
  la_code: string;
  kind: 'friction' | 'feedback' | 'help' | 'recording';
  scope: string;
  data: ColumnType<unknown, string, string>;
  computed_at: Stamp;
  changed_at: Stamp | null;
}

declare module '../db/schema.ts' {
  interface Schema {
    insight_summaries: InsightSummariesTable;
  }
}

/** "What got in the way?": each group's reports, worked out with the summary (migration 0052). */
export interface InsightFrictionGroupsTable {
  la_code: string;
  kind: 'theme' | 'page';
  position: number;
  name: string;
  report_ids: string[];
}

declare module '../db/schema.ts' {
  interface Schema {
    insight_friction_groups: InsightFrictionGroupsTable;
  }
}
