/** `/admin/users`: list, create, edit (optimistic locking), deactivate and reset passwords. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { roleLabels, isRole } from '../../../access/roles.ts';
import { requestMeta, type Actor } from '../../../auth/actor.ts';
import { requireAdministrator } from '../../../auth/admin/access.ts';
import { createUser } from '../../../auth/admin/user-create.ts';
import { deactivateUser, resetPassword } from '../../../auth/admin/user-deactivate.ts';
import { updateUser } from '../../../auth/admin/user-update.ts';
import { getUser, listUsers } from '../../../auth/admin/users-read.ts';
import { parseForm } from '../../../http/forms/issues.ts';
import type { FieldError } from '../../../http/errors.ts';
import { NotFoundError } from '../../../http/errors.ts';
import { accessEndsFields, editUserForm, formChoices, newUserForm } from './user-form.ts';

const idParams = z.object({ id: z.uuid() });
const formPage = 'pages/admin/user-form.njk';

function userId(params: unknown): string {
  const p = idParams.safeParse(params);
  if (!p.success) throw new NotFoundError('bad user id');
  return p.data.id;
}

export const adminUserPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const renderForm = async (
    reply: FastifyReply,
    admin: Actor,
    status: number,
    ctx: Record<string, unknown>,
    errors: FieldError[] = [],
  ) =>
    reply.code(status).view(formPage, {
      ...(await formChoices(db, admin.laCode)),
      errors,
      ...ctx,
    });

  app.get('/admin/users', async (req, reply) => {
    const admin = requireAdministrator(req);
    const users = (await listUsers(db, admin.laCode)).map((u) => ({
      ...u,
      roleNames: u.roles.map((r) => (isRole(r) ? roleLabels[r] : r)).join(', '),
    }));
    const q = req.query as Record<string, string | undefined>;
    return reply.view('pages/admin/users.njk', { users, done: q.done });
  });

  app.get('/admin/users/new', async (req, reply) =>
    renderForm(reply, requireAdministrator(req), 200, { isNew: true, values: {} }),
  );

  app.post('/admin/users', async (req, reply) => {
    const admin = requireAdministrator(req);
    const form = parseForm(newUserForm, req.body);
    if (!form.ok) return renderForm(reply, admin, 400, { isNew: true, values: form.values }, form.errors);
    const result = await createUser(db, admin, form.data, requestMeta(req));
    if (!result.ok) return renderForm(reply, admin, 400, { isNew: true, values: form.data }, result.errors);
    return reply.header('cache-control', 'no-store').view('pages/admin/user-password.njk', {
      name: form.data.name,
      email: form.data.email,
      password: result.temporaryPassword,
      isNew: true,
    });
  });

  app.get('/admin/users/:id', async (req, reply) => {
    const admin = requireAdministrator(req);
    const user = await getUser(db, admin.laCode, userId(req.params));
    if (user === null) throw new NotFoundError('no such user in this LA');
    return renderForm(reply, admin, 200, {
      user,
      values: { ...user, ...accessEndsFields(user.accessEndsAt) },
    });
  });

  app.post('/admin/users/:id', async (req, reply) => {
    const admin = requireAdministrator(req);
    const id = userId(req.params);
    const user = await getUser(db, admin.laCode, id);
    if (user === null || !user.active) throw new NotFoundError('no such active user in this LA');
    const form = parseForm(editUserForm, req.body);
    if (!form.ok)
      return renderForm(
        reply,
        admin,
        400,
        { user, values: { ...form.values, version: user.version } },
        form.errors,
      );
    const result = await updateUser(db, admin, id, form.data.version, form.data, requestMeta(req));
    if (result.ok) return reply.redirect('/admin/users?done=updated', 303);
    if ('notFound' in result) throw new NotFoundError('user vanished');
    if ('conflict' in result)
      return renderForm(
        reply,
        admin,
        409,
        { user, values: { ...user, ...accessEndsFields(user.accessEndsAt) } },
        [
          {
            field: 'name',
            message:
              'Someone else changed this user while you were editing. Check the details below and save again',
          },
        ],
      );
    return renderForm(
      reply,
      admin,
      400,
      { user, values: { ...form.data, version: form.data.version } },
      result.errors,
    );
  });

  app.post('/admin/users/:id/deactivate', async (req, reply) => {
    const admin = requireAdministrator(req);
    if (!(await deactivateUser(db, admin, userId(req.params), requestMeta(req))))
      throw new NotFoundError('cannot deactivate');
    return reply.redirect('/admin/users?done=deactivated', 303);
  });

  app.post('/admin/users/:id/reset-password', async (req, reply) => {
    const admin = requireAdministrator(req);
    const id = userId(req.params);
    const user = await getUser(db, admin.laCode, id);
    const password = user === null ? null : await resetPassword(db, admin, id, requestMeta(req));
    if (user === null || password === null) throw new NotFoundError('no such active user');
    return reply
      .header('cache-control', 'no-store')
      .view('pages/admin/user-password.njk', { name: user.name, email: user.email, password, isNew: false });
  });
};
