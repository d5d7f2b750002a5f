/**
 * API authentication: `POST /api/v1/oauth/token` (OAuth 2.0 client credentials, answers in the
 * RFC 6749 format that OAuth client libraries expect) and `GET /api/v1/me` (who the token is).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import { exchangeClientCredentials } from '../../auth/clients.ts';
import { AppError } from '../../http/errors.ts';
import { signInRateLimit } from '../../auth/register-sign-in.ts';

const tokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(500).optional(),
  scope: z.string().max(500).optional(),
});

/** An RFC 6749 §5.2 error: the shape OAuth client libraries read. */
class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}

const invalidClient = () => new OAuthError(401, 'invalid_client', 'Client authentication failed');

/**
 * client_id and client_secret from HTTP Basic authentication, if sent that way (RFC 6749 §2.3.1:
 * each form-urlencoded, then joined by a colon and base64-encoded).
 * @throws OAuthError invalid_client when the header cannot be decoded
 */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (header === undefined || !/^Basic\s+/i.test(header)) return null;
  const encoded = header.replace(/^Basic\s+/i, '').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw invalidClient();
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) throw invalidClient();
  const form = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw invalidClient();
    }
  };
  return { id: form(decoded.slice(0, i)), secret: form(decoded.slice(i + 1)) };
}

/**
 * Any refusal on the token endpoint as an RFC 6749 error: bad JSON, a body that is not an object,
 * the wrong content type or a field of the wrong type are `invalid_request` (400); bad client
 * credentials `invalid_client` (401). The rate limit keeps its 429.
 */
function tokenErrorBody(
  err: unknown,
  contentType: string,
): { status: 400 | 401 | 429 | 500; body: { error: string; error_description: string } } {
  if (err instanceof OAuthError)
    return { status: err.status, body: { error: err.error, error_description: err.description } };
  const status = err instanceof AppError ? err.status : (err as { statusCode?: unknown }).statusCode;
  const message = err instanceof Error ? err.message : '';
  if (status === 429) return { status: 429, body: { error: 'invalid_request', error_description: message } };
  const sentForm = /^application\/(x-www-form-urlencoded|json)\b/i.test(contentType);
  if (status === 415 || (status === 400 && !sentForm && !/^multipart\/form-data\b/i.test(contentType)))
    return {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'Send the request as application/x-www-form-urlencoded (or application/json)',
      },
    };
  if (typeof status === 'number' && status >= 400 && status < 500)
    return {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description:
          (err as { validation?: unknown }).validation !== undefined
            ? 'The request must be a set of grant_type, client_id, client_secret and scope strings'
            : message || 'The request is not valid',
      },
    };
  return { status: 500, body: { error: 'server_error', error_description: 'Something went wrong' } };
}

export const authApi: FastifyPluginAsyncZod = async (app) => {
  const { config, database } = app.deps;

  app.post(
    '/oauth/token',
    {
      config: { rateLimit: signInRateLimit },
      errorHandler: (err, req, reply) => {
        const { status, body } = tokenErrorBody(err, req.headers['content-type'] ?? '');
        if (status >= 500) req.log.error({ err }, 'unexpected error');
        void reply.code(status).header('cache-control', 'no-store').send(body);
      },
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
          429: z.object({ error: z.string(), error_description: z.string() }),
          500: z.object({ error: z.string(), error_description: z.string() }),
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
