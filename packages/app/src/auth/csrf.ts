/**
 * CSRF protection for every form, by a global hook, so no route can forget it.
 *
 * How it works: each browser gets a random secret in an HttpOnly cookie (`waypoint_csrf`). Every
 * request that may render a page gets `req.pageContext.csrfToken`, a salted HMAC of that secret.
 * Every POST, PUT, PATCH or DELETE outside `/api/` must send it back, as the form field `_csrf`
 * (or an `x-csrf-token` header); otherwise it gets a 403 "this form has expired" page and
 * nothing runs. Under `/api/` the check is skipped only for a request authenticated by a valid
 * bearer token (it has no ambient authority); any other request carrying a session cookie is
 * checked, whatever other headers it sends (and authenticate.ts never uses the cookie of a request
 * that sends an `Authorization` header).
 *
 * How other routes opt in: they do nothing. Forms render the token with
 *
 *     <input type="hidden" name="_csrf" value="{{ csrfToken }}">
 *
 * and the hook checks it before the handler runs. A route that must accept a cross-site POST
 * (none today) would be listed in `exempt` below, in review.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { authCookieOptions } from './cookies.ts';
import { SESSION_COOKIE } from './sessions.ts';

export const CSRF_COOKIE = 'waypoint_csrf';
const exempt = new Set(['/api/v1/oauth/token']);
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A token for a secret: salt.hmac(secret, salt). */
export function csrfTokenFor(secret: string, salt = randomBytes(9).toString('base64url')): string {
  return `${salt}.${createHmac('sha256', secret).update(salt).digest('base64url')}`;
}

/** True when `token` was made from `secret`. */
export function isValidCsrfToken(secret: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const [salt, mac] = token.split('.');
  if (salt === undefined || mac === undefined || salt.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(secret, salt));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function needsCheck(req: FastifyRequest): boolean {
  if (!unsafe.has(req.method)) return false;
  const path = req.url.split('?')[0] ?? '';
  if (exempt.has(path)) return false;
  if (path.startsWith('/api/'))
    return req.actor?.via !== 'token' && req.cookies[SESSION_COOKIE] !== undefined;
  return true;
}

function tokenIn(req: FastifyRequest): unknown {
  const body = req.body as Record<string, unknown> | null | undefined;
  return (typeof body === 'object' && body !== null ? body._csrf : undefined) ?? req.headers['x-csrf-token'];
}

/** Registers the CSRF secret cookie, the template token and the global check. */
export function registerCsrf(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/static/') || req.url.startsWith('/assets/') || req.url === '/health') return;
    let secret = req.cookies[CSRF_COOKIE];
    if (secret === undefined || !/^[\w-]{32,}$/.test(secret)) {
      secret = randomBytes(32).toString('base64url');
      reply.setCookie(CSRF_COOKIE, secret, authCookieOptions(config));
    }
    req.pageContext.csrfToken = csrfTokenFor(secret);
  });
  app.addHook('preHandler', async (req, reply) => {
    if (!needsCheck(req)) return;
    const secret = req.cookies[CSRF_COOKIE];
    if (secret !== undefined && isValidCsrfToken(secret, tokenIn(req))) return;
    req.log.warn({ url: req.url }, 'CSRF check failed');
    if (req.url.startsWith('/api/'))
      return reply
        .code(403)
        .send({ error: { id: 'csrf_failed', message: 'Missing or invalid CSRF token', requestId: req.id } });
    return reply.code(403).view('pages/sign-in/form-expired.njk');
  });
}
