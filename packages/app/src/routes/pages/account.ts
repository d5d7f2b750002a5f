/** `/account`, `/account/change-password` and `/account/sign-out-everywhere`. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { roleLabels } from '../../access/roles.ts';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import { changePassword } from '../../auth/account/change-password.ts';
import { parseForm } from '../../http/forms/issues.ts';
import { clearSessionCookie } from '../../auth/session-cookie.ts';
import { signOutEverywhere } from '../../auth/account/sign-out-everywhere.ts';

const changeForm = z.object({
  currentPassword: z
    .string({ error: 'Enter your current password' })
    .min(1, 'Enter your current password')
    .max(1024),
  newPassword: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password').max(1024),
  confirmPassword: z
    .string({ error: 'Enter your new password again' })
    .min(1, 'Enter your new password again')
    .max(1024),
});

export const accountRoutes: FastifyPluginAsync = async (app) => {
  const { config, database } = app.deps;

  app.get('/account', async (req, reply) => {
    const actor = requireActor(req);
    const q = req.query as Record<string, string | undefined>;
    return reply.view('pages/account/index.njk', {
      actor,
      roleNames: actor.roles.map((r) => roleLabels[r]).join(', '),
      passwordChanged: q.passwordChanged === '1',
    });
  });

  app.get('/account/change-password', async (req, reply) => {
    const actor = requireActor(req);
    return reply.view('pages/account/change-password.njk', { isRequired: actor.mustChangePassword === true });
  });

  app.post('/account/change-password', async (req, reply) => {
    const actor = requireActor(req);
    const page = 'pages/account/change-password.njk';
    const form = parseForm(changeForm, req.body);
    const errors = form.ok
      ? await changePassword(database.db, actor, form.data, requestMeta(req))
      : form.errors;
    if (errors.length > 0)
      return reply.code(400).view(page, {
        errors,
        isRequired: actor.mustChangePassword === true,
      });
    return reply.redirect('/account?passwordChanged=1', 303);
  });

  app.post('/account/sign-out-everywhere', async (req, reply) => {
    const actor = requireActor(req);
    // Sessions and personal API tokens (auth/account/sign-out-everywhere.ts says why).
    await signOutEverywhere(
      database.db,
      { userId: actor.userId, organisationId: actor.organisationId, laCode: actor.laCode },
      requestMeta(req),
    );
    clearSessionCookie(reply, config);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
};
