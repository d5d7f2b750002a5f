/**
 * A person's own notifications (e.g. emergency access to a child in their team), newest first.
 * Written by jobs (`access/break-glass-notify.ts`); each names its record, opened under the
 * reader's own access.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';

/** The actor's latest 100 notifications in the LA they are working in. */
export function notificationsFor(db: Kysely<Schema>, actor: Actor) {
  return inTenant(db, actor.laCode, (tx) =>
    tx
      .selectFrom('notifications')
      .select(['id', 'kind', 'person_id', 'message', 'created_at', 'read_at'])
      .where('recipient_user_id', '=', actor.userId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
  );
}
