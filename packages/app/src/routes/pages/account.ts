/** `/account`, `/account/change-password` and `/account/sign-out-everywhere`. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { roleLabels } from '../../access/roles.ts';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import { changePassword } from '../../auth/account/change-password.ts';
import { auditAuthEvent } from '../../auth/audit-auth.ts';
import { parseForm } from '../../http/forms/issues.ts';
import { clearSessionCookie } from '../../auth/session-cookie.ts';
import { revokeAllSessions } from '../../auth/sessions.ts';

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
    const count = await revokeAllSessions(database.db, actor.userId);
    await auditAuthEvent(
      database.db,
      { id: actor.userId, organisation_id: actor.organisationId, la_code: actor.laCode },
      requestMeta(req),
      { action: 'auth.sign_out_everywhere', outcome: 'success', reason: `${count} session(s) ended` },
    );
    clearSessionCookie(reply, config);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
};
