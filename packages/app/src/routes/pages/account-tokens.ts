/** `/account/tokens`: personal access tokens for the JSON API (created, shown once, revoked). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import {
  createPersonalToken,
  listPersonalTokens,
  revokePersonalToken,
} from '../../auth/account/personal-tokens.ts';
import { apiScopes, scopesFor } from '../../auth/api-tokens.ts';
import { parseForm } from '../../http/forms/issues.ts';
import { NotFoundError } from '../../http/errors.ts';

const expiryDays = ['1', '7', '30', '90'] as const;
const scopeField = z.enum(apiScopes);
const createForm = z.object({
  name: z
    .string({ error: 'Enter a name for the token' })
    .trim()
    .min(1, 'Enter a name for the token')
    .max(100, 'Name must be 100 characters or fewer'),
  scopes: z
    .union([scopeField, z.array(scopeField)], { error: 'Select what the token may do' })
    .transform((v) => (Array.isArray(v) ? v : [v])),
  expiresInDays: z.enum(expiryDays, { error: 'Select when the token expires' }),
});
const revokeParams = z.object({ id: z.uuid() });

export const accountTokenRoutes: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const page = 'pages/account/tokens.njk';
  const render = async (
    userId: string,
    extra: Record<string, unknown> = {},
    roles: readonly string[] = [],
  ) => ({
    tokens: await listPersonalTokens(db, userId),
    scopes: scopesFor(roles),
    expiryDays,
    ...extra,
  });

  app.get('/account/tokens', async (req, reply) => {
    const actor = requireActor(req);
    const q = req.query as Record<string, string | undefined>;
    return reply.view(page, await render(actor.userId, { revoked: q.revoked === '1' }, actor.roles));
  });

  app.post('/account/tokens', async (req, reply) => {
    const actor = requireActor(req);
    const parsed = parseForm(createForm, req.body);
    // A scope the caller's roles may not hold is refused like any other wrong answer.
    const form =
      parsed.ok && parsed.data.scopes.some((sc) => !scopesFor(actor.roles).includes(sc))
        ? {
            ok: false as const,
            errors: [{ field: 'scopes', message: 'Select what the token may do' }],
            values: (req.body ?? {}) as Record<string, unknown>,
          }
        : parsed;
    if (!form.ok)
      return reply.code(400).view(
        page,
        await render(
          actor.userId,
          {
            errors: form.errors,
            values: form.values,
          },
          actor.roles,
        ),
      );
    const expiresAt = new Date(Date.now() + Number(form.data.expiresInDays) * 86_400_000);
    const { token } = await createPersonalToken(db, actor, { ...form.data, expiresAt }, requestMeta(req));
    return reply
      .header('cache-control', 'no-store')
      .view('pages/account/token-created.njk', { token, name: form.data.name, expiresAt });
  });

  app.post('/account/tokens/:id/revoke', async (req, reply) => {
    const actor = requireActor(req);
    const params = revokeParams.safeParse(req.params);
    if (!params.success || !(await revokePersonalToken(db, actor, params.data.id, requestMeta(req))))
      throw new NotFoundError('token not found for this user');
    return reply.redirect('/account/tokens?revoked=1', 303);
  });
};
