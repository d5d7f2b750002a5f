/** `/sign-in` (email and password) and `/sign-out`. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../auth/actor.ts';
import { auditAuthEvent } from '../../auth/audit-auth.ts';
import { parseForm } from '../../http/forms/issues.ts';
import { signInRateLimit } from '../../auth/register-sign-in.ts';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie.ts';
import { revokeSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { findAccountById } from '../../auth/sign-in/account.ts';
import { completeSignIn, rotateSession, type SessionContext } from '../../auth/sign-in/complete.ts';
import { passwordStep } from '../../auth/sign-in/password-step.ts';
import { safeNext, stepPath } from '../../auth/sign-in/policy.ts';
import { enabledProviders } from '../../auth/oidc/providers.ts';

const signInForm = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(320),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024),
  next: z.string().optional(),
});

// A locked account gets the same words (and status) as an unknown email or a wrong password, so the
// answer never tells anyone that an account exists; the page says when accounts are locked.
const refusals = {
  invalid: 'Enter a correct email address and password',
  locked: 'Enter a correct email address and password',
  demo_in_production: 'Demonstration accounts cannot sign in to a live service',
} as const;

/** The session context for a request (used by every sign-in step). */
export function sessionContext(req: FastifyRequest): SessionContext {
  return {
    db: req.server.deps.database.db,
    config: req.server.deps.config,
    meta: requestMeta(req),
    userAgent: req.headers['user-agent'] ?? null,
    previousCookie: req.cookies[SESSION_COOKIE],
  };
}

export const signInRoutes: FastifyPluginAsync = async (app) => {
  const { config, database } = app.deps;
  const page = 'pages/sign-in/sign-in.njk';

  app.get('/sign-in', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    if (req.actor !== null) return reply.redirect(safeNext(q.next));
    return reply.view(page, {
      next: safeNext(q.next),
      signedOut: q.signedOut === '1',
      providers: await enabledProviders(database.db),
    });
  });

  app.post('/sign-in', { config: { rateLimit: signInRateLimit } }, async (req, reply) => {
    const form = parseForm(signInForm, req.body);
    const providers = await enabledProviders(database.db);
    if (!form.ok)
      return reply.code(400).view(page, {
        errors: form.errors,
        values: form.values,
        providers,
      });
    const next = safeNext(form.data.next);
    const result = await passwordStep(
      database.db,
      config,
      form.data.email,
      form.data.password,
      requestMeta(req),
    );
    if (result.kind === 'refused') {
      const errors = [{ field: 'email', message: refusals[result.reason] }];
      return reply.code(401).view(page, {
        errors,
        values: { email: form.data.email },
        next,
        providers,
      });
    }
    const ctx = sessionContext(req);
    const cookie =
      result.step === 'complete'
        ? await completeSignIn(ctx, result.account, 'password')
        : await rotateSession(ctx, result.account, false);
    setSessionCookie(reply, config, cookie);
    return reply.redirect(stepPath(result.step, next), 303);
  });

  app.post('/sign-out', async (req, reply) => {
    const idHash = req.actor?.sessionId ?? req.pendingSession?.idHash;
    const userId = req.actor?.userId ?? req.pendingSession?.userId;
    if (idHash !== undefined) await revokeSession(database.db, idHash);
    const account = userId === undefined ? null : await findAccountById(database.db, userId);
    if (account !== null)
      await auditAuthEvent(database.db, account, requestMeta(req), {
        action: 'auth.sign_out',
        outcome: 'success',
      });
    clearSessionCookie(reply, config);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
};
