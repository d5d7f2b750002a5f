import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../../auth/actor.ts';
import { outboxMessages } from '../../../messaging/outbox.ts';

/**
 * /outbox: the messages the local outbox transport stored for the signed-in person's LA, so a
 * developer or a test can read what would have been emailed or texted. Registered only outside
 * production and only when no Notify key is set (app.ts).
 */
export const outboxPages: FastifyPluginAsync = async (app) => {
  app.get('/outbox', async (req, reply) => {
    const actor = requireActor(req);
    return reply.view('pages/messaging/outbox.njk', {
      messages: await outboxMessages(app.deps.database.db, actor.laCode),
    });
  });
};
