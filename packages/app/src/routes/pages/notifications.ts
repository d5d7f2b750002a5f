import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../auth/actor.ts';
import { notificationsFor } from '../../notifications/inbox.ts';

/** The caller's notifications (e.g. emergency access to a child in their team). */
export const notificationPages: FastifyPluginAsync = async (app) => {
  app.get('/notifications', async (req, reply) => {
    const actor = requireActor(req);
    return reply.view('pages/notifications.njk', {
      items: await notificationsFor(app.deps.database.db, actor),
    });
  });
};
