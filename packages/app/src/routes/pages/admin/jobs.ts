/**
 * `/admin/jobs`: the LA's job queue for its system administrator: counts by job and state, recent
 * failures with their error messages, retry and cancel (audited). No payloads (administrators do
 * not sign in with two-factor, so nothing personal is shown).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../../auth/actor.ts';
import { requireAdministrator } from '../../../auth/admin/access.ts';
import { NotFoundError } from '../../../http/errors.ts';
import { changeJob, jobStateLabels, jobStates, queueSummary, recentFailures } from '../../../jobs/admin.ts';

const params = z.object({
  id: z.uuid().transform((v) => v.toLowerCase()),
  change: z.enum(['retry', 'cancel']),
});
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
const doneQuery = z.object({ done: z.enum(['retry', 'cancel']).optional() }).catch({});

export const adminJobPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;

  app.get('/admin/jobs', async (req, reply) => {
    const admin = requireAdministrator(req);
    const { done } = doneQuery.parse(req.query);
    return reply.view('pages/admin/jobs.njk', {
      queues: await queueSummary(db, admin.laCode),
      failures: (await recentFailures(db, admin.laCode)).map((f) => ({
        ...f,
        created: londonDateTime.format(f.createdAt),
      })),
      states: jobStates.map((s) => ({ id: s, label: jobStateLabels[s] })),
      stateLabels: jobStateLabels,
      done,
    });
  });

  app.post('/admin/jobs/:id/:change', async (req, reply) => {
    const admin = requireAdministrator(req);
    const parsed = params.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError('no such job action');
    await changeJob(
      db,
      { laCode: admin.laCode, admin },
      parsed.data.id,
      parsed.data.change,
      requestMeta(req),
    );
    return reply.redirect(`/admin/jobs?done=${parsed.data.change}`, 303);
  });
};
