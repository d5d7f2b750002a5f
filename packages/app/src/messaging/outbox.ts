/**
 * The local outbox (development and tests only): the messages the outbox transport stored, newest
 * first, for the /outbox page.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  template: string;
  to: string;
  subject: string | null;
  body: string;
  /** The body as text and links (web addresses), so the page can link them. */
  parts: { text: string; href?: string }[];
  sentAt: Date;
}

/** Splits text into plain parts and http(s) links. */
function linkParts(text: string): { text: string; href?: string }[] {
  return text
    .split(/(https?:\/\/[^\s)]+)/)
    .filter((t) => t !== '')
    .map((t) => (/^https?:\/\//.test(t) ? { text: t, href: t } : { text: t }));
}

/** The latest 50 messages in the LA's outbox. */
export async function outboxMessages(db: Kysely<Schema>, laCode: string): Promise<OutboxMessage[]> {
  const rows = await inTenant(db, laCode, (tx) =>
    tx
      .selectFrom('messages')
      .select(['id', 'channel', 'template', 'to_address', 'subject', 'body', 'sent_at'])
      .where('la_code', '=', laCode)
      .where('transport', '=', 'outbox')
      .orderBy('sent_at', 'desc')
      .limit(50)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    template: r.template,
    to: r.to_address,
    subject: r.subject,
    body: r.body ?? '',
    parts: linkParts(r.body ?? ''),
    sentAt: r.sent_at,
  }));
}
