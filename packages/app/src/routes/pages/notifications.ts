import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../auth/actor.ts';
import { inTenant } from '../../db/tenant.ts';

/** The caller's notifications (e.g. emergency access to a child in their team). Not personal data of the child beyond the message. */
export const notificationPages: FastifyPluginAsync = async (app) => {
  app.get('/notifications', async (req, reply) => {
    const actor = requireActor(req);
    const items = await inTenant(app.deps.database.db, actor.laCode, (tx) =>
      tx
        .selectFrom('notifications')
        .select(['id', 'kind', 'person_id', 'message', 'created_at', 'read_at'])
        .where('recipient_user_id', '=', actor.userId)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute(),
    );
    return reply.view('pages/notifications.njk', { items });
  });
};
