/** `/sign-in/two-factor` (enter a code) and `/sign-in/set-up-two-factor` (first time: scan, then enter a code). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../auth/actor.ts';
import { parseForm } from '../../http/forms/issues.ts';
import { signInRateLimit } from '../../auth/register-sign-in.ts';
import { setSessionCookie } from '../../auth/session-cookie.ts';
import { findAccountById } from '../../auth/sign-in/account.ts';
import { completeSignIn } from '../../auth/sign-in/complete.ts';
import { safeNext } from '../../auth/sign-in/policy.ts';
import { pendingTotpSecret, twoFactorStep } from '../../auth/sign-in/two-factor-step.ts';
import { totpEnrolment } from '../../auth/totp.ts';
import { sessionContext } from './sign-in.ts';

const codeForm = z.object({
  code: z
    .string({ error: 'Enter the 6-digit code from your authenticator app' })
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app')),
  next: z.string().optional(),
});

const refusals = {
  wrong_code:
    'The code is not right or has already been used. Enter the current code from your authenticator app',
  locked:
    'Your account is locked after too many failed attempts. Try again in 15 minutes, or ask your administrator',
} as const;

function nextOf(req: FastifyRequest): string {
  return safeNext((req.query as Record<string, unknown>).next);
}

async function enrolmentFor(req: FastifyRequest, userId: string) {
  const { config, database } = req.server.deps;
  const db = database.db;
  const [secret, account] = await Promise.all([
    pendingTotpSecret(db, config, userId),
    findAccountById(db, userId),
  ]);
  if (secret === null || account === null) return null;
  return { secret, ...(await totpEnrolment(secret, account.email)) };
}

async function handleCode(
  req: FastifyRequest,
  reply: FastifyReply,
  mode: 'verify' | 'set_up',
): Promise<FastifyReply> {
  const pending = req.pendingSession;
  const page = mode === 'verify' ? 'pages/sign-in/two-factor.njk' : 'pages/sign-in/set-up-two-factor.njk';
  if (pending === null) return reply.redirect('/sign-in', 303);
  const { config, database } = req.server.deps;
  const form = parseForm(codeForm, req.body);
  const extra = mode === 'set_up' ? { enrolment: await enrolmentFor(req, pending.userId) } : {};
  if (!form.ok)
    return reply.code(400).view(page, {
      errors: form.errors,
      next: safeNext(form.values.next),
      ...extra,
    });
  const next = safeNext(form.data.next);
  const result = await twoFactorStep(
    database.db,
    config,
    pending.userId,
    form.data.code,
    mode,
    requestMeta(req),
  );
  if (result.kind === 'refused') {
    if (result.reason === 'not_allowed') return reply.redirect('/sign-in', 303);
    const errors = [{ field: 'code', message: refusals[result.reason] }];
    return reply.code(401).view(page, { errors, next, ...extra });
  }
  const cookie = await completeSignIn(
    sessionContext(req),
    result.account,
    `password and two-factor (${mode === 'set_up' ? 'first use' : 'code'})`,
  );
  setSessionCookie(reply, config, cookie);
  return reply.redirect(next, 303);
}

export const signInTwoFactorRoutes: FastifyPluginAsync = async (app) => {
  app.get('/sign-in/two-factor', async (req, reply) => {
    if (req.pendingSession === null) return reply.redirect('/sign-in');
    return reply.view('pages/sign-in/two-factor.njk', { next: nextOf(req) });
  });
  app.post('/sign-in/two-factor', { config: { rateLimit: signInRateLimit } }, async (req, reply) =>
    handleCode(req, reply, 'verify'),
  );

  app.get('/sign-in/set-up-two-factor', async (req, reply) => {
    if (req.pendingSession === null) return reply.redirect('/sign-in');
    const enrolment = await enrolmentFor(req, req.pendingSession.userId);
    if (enrolment === null)
      return reply.redirect(`/sign-in/two-factor?next=${encodeURIComponent(nextOf(req))}`);
    return reply.view('pages/sign-in/set-up-two-factor.njk', { next: nextOf(req), enrolment });
  });
  app.post('/sign-in/set-up-two-factor', { config: { rateLimit: signInRateLimit } }, async (req, reply) =>
    handleCode(req, reply, 'set_up'),
  );
};
