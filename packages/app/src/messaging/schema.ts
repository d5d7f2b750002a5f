/**
 * The messaging tables (migration 0012), added to Kysely's `Schema` here so the capability's
 * tables live beside it.
 */
import type { ColumnType, Generated } from 'kysely';

export interface MessagesTable {
  id: Generated<string>;
  la_code: string;
  reference: string;
  channel: 'email' | 'sms';
  template: string;
  to_address: string;
  transport: 'notify' | 'outbox';
  subject: string | null;
  body: string | null;
  provider_id: string | null;
  job_id: string | null;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../db/schema.ts' {
  interface Schema {
    messages: MessagesTable;
  }
}
