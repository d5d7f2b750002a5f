/**
 * API authentication: `POST /api/v1/oauth/token` (OAuth 2.0 client credentials, answers in the
 * RFC 6749 format that OAuth client libraries expect) and `GET /api/v1/me` (who the token is).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import { exchangeClientCredentials } from '../../auth/clients.ts';
import { signInRateLimit } from '../../auth/register-sign-in.ts';

const tokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(500).optional(),
  scope: z.string().max(500).optional(),
});

/** client_id and client_secret from HTTP Basic authentication, if sent that way. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (header === undefined || !/^Basic\s+/i.test(header)) return null;
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

export const authApi: FastifyPluginAsyncZod = async (app) => {
  const { config, database } = app.deps;

  app.post(
    '/oauth/token',
    {
      config: { rateLimit: signInRateLimit },
      schema: {
        summary: 'Get an access token for a partner system',
        description:
          'OAuth 2.0 client credentials grant. Send client_id and client_secret (form fields or HTTP Basic). The token lasts an hour.',
        tags: ['authentication'],
        body: tokenRequest,
        response: {
          200: z.object({
            access_token: z.string(),
            token_type: z.literal('Bearer'),
            expires_in: z.number(),
            scope: z.string(),
          }),
          400: z.object({ error: z.string(), error_description: z.string() }),
          401: z.object({ error: z.string(), error_description: z.string() }),
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if (req.body.grant_type !== 'client_credentials')
        return reply.code(400).send({
          error: 'unsupported_grant_type',
          error_description: 'Only client_credentials is supported',
        });
      const basic = basicCredentials(req.headers.authorization);
      const id = basic?.id ?? req.body.client_id;
      const secret = basic?.secret ?? req.body.client_secret;
      if (id === undefined || secret === undefined)
        return reply
          .code(401)
          .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
      const requested =
        req.body.scope === undefined ? null : req.body.scope.split(/\s+/).filter((s) => s !== '');
      const grant = await exchangeClientCredentials(
        database.db,
        config.env,
        id,
        secret,
        requested,
        requestMeta(req),
      );
      if (!grant.ok)
        return grant.error === 'invalid_client'
          ? reply
              .code(401)
              .send({ error: 'invalid_client', error_description: 'Client authentication failed' })
          : reply
              .code(400)
              .send({ error: 'invalid_scope', error_description: 'The client may not have that scope' });
      return {
        access_token: grant.token,
        token_type: 'Bearer' as const,
        expires_in: grant.expiresIn,
        scope: grant.scopes.join(' '),
      };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        summary: 'Who this token acts as',
        tags: ['authentication'],
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            userId: z.string(),
            name: z.string(),
            email: z.string(),
            laCode: z.string(),
            roles: z.array(z.string()),
            scopes: z.array(z.string()),
            onBehalfOf: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const a = requireActor(req);
      return {
        userId: a.userId,
        name: a.name,
        email: a.email,
        laCode: a.laCode,
        roles: [...a.roles],
        scopes: [...(a.scopes ?? [])],
        onBehalfOf: a.onBehalfOf ?? null,
      };
    },
  );
};
