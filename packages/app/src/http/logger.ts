/**
 * Structured JSON logs (pino) with request ids. No personal data: URLs are logged without their
 * query strings (searches carry names and dates of birth), and cookies and tokens are redacted.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      remove: true,
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}
