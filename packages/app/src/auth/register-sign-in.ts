/**
 * The sign-in protections every request passes through, registered once in `buildApp` after
 * authentication: CSRF on every form (see csrf.ts), per-IP rate limits for the routes that take
 * credentials (routes opt in with `config: { rateLimit: signInRateLimit }`), and the rule that a
 * user whose password was reset by an administrator changes it before doing anything else.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/errors.ts';
import { registerCsrf } from './csrf.ts';

/** At most 30 credential attempts a minute from one IP address, per route. */
export const signInRateLimit = { max: 30, timeWindow: '1 minute' };

const allowedWhileChanging = ['/account/change-password', '/sign-out', '/sign-in', '/api/'];

export async function registerSignInSecurity(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many attempts from your network. Wait ${ctx.after} and try again`),
  });
  registerCsrf(app, app.deps.config);
  app.addHook('preHandler', async (req, reply) => {
    if (req.actor?.mustChangePassword !== true) return;
    if (allowedWhileChanging.some((p) => req.url.startsWith(p))) return;
    return reply.redirect('/account/change-password');
  });
}
