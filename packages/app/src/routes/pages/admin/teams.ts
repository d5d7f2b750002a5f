/** `/admin/teams`: list, create and deactivate teams. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../../auth/actor.ts';
import { requireAdministrator } from '../../../auth/admin/access.ts';
import { teamsIn } from '../../../auth/admin/directory.ts';
import { createTeam, deactivateTeam } from '../../../auth/admin/teams.ts';
import { parseForm } from '../../../http/forms/issues.ts';
import { NotFoundError } from '../../../http/errors.ts';

const teamForm = z.object({
  name: z
    .string({ error: 'Enter the team name' })
    .trim()
    .min(1, 'Enter the team name')
    .max(200, 'Team name must be 200 characters or fewer'),
  parentTeamId: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(z.uuid({ error: 'Select a team' }).nullable()),
});
const idParams = z.object({ id: z.uuid() });

export const adminTeamPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const page = 'pages/admin/teams.njk';

  app.get('/admin/teams', async (req, reply) => {
    const admin = requireAdministrator(req);
    const q = req.query as Record<string, string | undefined>;
    return reply.view(page, { teams: await teamsIn(db, admin.laCode), values: {}, done: q.done });
  });

  app.post('/admin/teams', async (req, reply) => {
    const admin = requireAdministrator(req);
    const form = parseForm(teamForm, req.body);
    const result = form.ok
      ? await createTeam(db, admin, form.data, requestMeta(req))
      : { ok: false as const, errors: form.errors };
    if (result.ok) return reply.redirect('/admin/teams?done=created', 303);
    return reply.code(400).view(page, {
      teams: await teamsIn(db, admin.laCode),
      values: form.ok ? form.data : form.values,
      errors: result.errors,
    });
  });

  app.post('/admin/teams/:id/deactivate', async (req, reply) => {
    const admin = requireAdministrator(req);
    const params = idParams.safeParse(req.params);
    if (!params.success || !(await deactivateTeam(db, admin, params.data.id, requestMeta(req))))
      throw new NotFoundError('no such active team');
    return reply.redirect('/admin/teams?done=deactivated', 303);
  });
};
