/**
 * Structured JSON logs (pino) with request ids. No personal data: URLs are logged without their
 * query strings (searches carry names and dates of birth), and cookies and tokens are redacted.
 *
 * One line per request ("request completed", with the status and time) is logged at the request
 * level: debug in development, so a first start's demo accounts table is not buried under the
 * browser's requests (set LOG_LEVEL=debug to see them), info in production. Static files are never
 * logged. Errors and warnings keep their own levels whatever the request level.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

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

/** The level of the one line per request. */
export function requestLogLevel(env: Config['env']): 'debug' | 'info' {
  return env === 'development' ? 'debug' : 'info';
}

const staticPrefixes = ['/static/', '/assets/', '/moj/assets/', '/favicon.ico'];

/** Whether a request is for a static file (never logged). */
export function isStaticRequest(url: string): boolean {
  return staticPrefixes.some((p) => url.startsWith(p));
}

/**
 * Logs each finished request once, at `requestLogLevel` (Fastify's own request logging is turned
 * off in buildApp: it logs two lines at info for every request, static files included).
 */
export function registerRequestLogging(app: FastifyInstance, env: Config['env']): void {
  const level = requestLogLevel(env);
  app.addHook('onResponse', async (req, reply) => {
    if (isStaticRequest(req.url)) return;
    req.log[level](
      { req, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
  });
}
