/**
 * Maps errors to responses in one place. API clients get `{"error":{"id",...}}`; people get GOV.UK
 * error pages. A 500 never carries a stack or an upstream message: the log has it, with the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    if (isApiRequest(req)) {
      return reply.code(404).send({ error: { id: 'not_found', message: 'Not found', requestId: req.id } });
    }
    return reply.code(404).view('pages/errors/not-found.njk');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      // One message per field, the first, as the form kit gives (http/forms/issues.ts).
      const fields: FieldError[] = [];
      for (const v of err.validation) {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || v.schemaPath;
        if (!fields.some((f) => f.field === field))
          fields.push({ field, message: v.message ?? 'is invalid' });
      }
      return sendAppError(
        req,
        reply,
        new AppError('validation_failed', 'The request is not valid', { fields }),
      );
    }
    if (err instanceof AppError) return sendAppError(req, reply, err);
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, bad content type): safe to name.
      return sendAppError(
        req,
        reply,
        new AppError(status === 429 ? 'rate_limited' : 'bad_request', err.message),
        status,
      );
    }
    req.log.error({ err }, 'unexpected error');
    if (isApiRequest(req)) {
      return reply
        .code(500)
        .send({ error: { id: 'internal', message: 'Something went wrong', requestId: req.id } });
    }
    return reply.code(500).view('pages/errors/problem.njk');
  });
}

function sendAppError(
  req: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
  status = err.status,
): FastifyReply {
  if (err.options.detail !== undefined)
    req.log.info({ errorId: err.id, detail: err.options.detail }, 'request refused');
  if (isApiRequest(req)) {
    return reply.code(status).send({
      error: {
        id: err.id,
        message: err.message,
        requestId: req.id,
        ...(err.options.fields ? { fields: err.options.fields } : {}),
        ...(err.id === 'conflict' && err.options.data ? { data: err.options.data } : {}),
      },
    });
  }
  switch (err.id) {
    case 'not_found':
      return reply.code(404).view('pages/errors/not-found.njk');
    case 'unauthenticated':
      return reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`);
    case 'forbidden':
    case 'validation_failed':
    case 'bad_request':
    case 'conflict':
    case 'rate_limited':
      return reply
        .code(status)
        .view('pages/errors/client-error.njk', { title: err.message, fields: err.options.fields ?? [] });
    case 'internal':
      return reply.code(500).view('pages/errors/problem.njk');
  }
}
