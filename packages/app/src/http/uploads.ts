/**
 * Multipart bodies (file uploads), in one place. A route takes them only if it says so with
 * `config: { uploads: true }` (today: attaching a document). Before a byte of a multipart body is
 * read, a gate checks, in this order:
 *
 * 1. the Content-Type has a boundary (without one the body cannot be read: 400 saying so);
 * 2. the route takes uploads (otherwise 415, naming the types it does take);
 * 3. the caller is signed in (otherwise the usual 401, or the sign-in redirect on a page), so an
 *    anonymous body of any size is answered at once and never parsed.
 *
 * Only then are the parts read, with limits (one file of at most 10 MB, 20 small fields); the CSRF
 * token travels in the body as for every form and is checked, as for every form, before the
 * handler runs.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes multipart/form-data (a form with a file). */
    uploads?: boolean;
  }
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A 4xx that is not one of AppError's kinds; the error handler passes its status and message on. */
class ClientError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The boundary of a multipart Content-Type, or null when it has none (RFC 2046: 1 to 70 characters). */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return m === null ? null : (m[1] ?? m[2] ?? null);
}

const isMultipart = (req: FastifyRequest) =>
  /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');

/** The gate, then the parser. Register before anything that reads bodies in preValidation. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (req) => {
    if (!isMultipart(req)) return;
    if (multipartBoundary(req.headers['content-type'] ?? '') === null)
      throw new AppError(
        'bad_request',
        'The multipart/form-data body has no boundary: send the boundary parameter in the Content-Type header',
      );
    if (req.routeOptions.config.uploads !== true)
      throw new ClientError(
        415,
        req.url.startsWith('/api/')
          ? 'This address does not take multipart/form-data: send application/json'
          : 'This address does not take multipart/form-data: send application/x-www-form-urlencoded',
      );
    if (req.actor === null) throw new AppError('unauthenticated', 'Sign in to upload a file');
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: async (part) => {
      (part as unknown as { value: unknown }).value = {
        filename: part.filename,
        data: await part.toBuffer(),
      };
    },
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 100 * 1024, parts: 21 },
  });
}
