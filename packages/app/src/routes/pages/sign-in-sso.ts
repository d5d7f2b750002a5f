/** Single sign-on: `/sign-in/sso/:laCode` sends the browser to the LA's identity provider; `/sign-in/sso/callback` comes back. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../auth/actor.ts';
import { authCookieOptions } from '../../auth/cookies.ts';
import { finishOidcLogin, startOidcLogin } from '../../auth/oidc/flow.ts';
import { providerFor } from '../../auth/oidc/providers.ts';
import {
  OIDC_STATE_COOKIE,
  OIDC_STATE_MAX_AGE_SECONDS,
  openState,
  sealState,
} from '../../auth/oidc/state-cookie.ts';
import { signInRateLimit } from '../../auth/register-sign-in.ts';
import { setSessionCookie } from '../../auth/session-cookie.ts';
import { completeSignIn } from '../../auth/sign-in/complete.ts';
import { safeNext } from '../../auth/sign-in/policy.ts';
import { NotFoundError } from '../../http/errors.ts';
import { sessionContext } from './sign-in.ts';

const startParams = z.object({ laCode: z.string().regex(/^\d{3}$/) });
const failedPage = 'pages/sign-in/sso-failed.njk';

function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export const signInSsoRoutes: FastifyPluginAsync = async (app) => {
  const { config, database } = app.deps;
  const stateCookie = authCookieOptions(config, { path: '/sign-in/sso', maxAge: OIDC_STATE_MAX_AGE_SECONDS });

  app.get('/sign-in/sso/:laCode', { config: { rateLimit: signInRateLimit } }, async (req, reply) => {
    const params = startParams.safeParse(req.params);
    const provider = params.success ? await providerFor(database.db, config, params.data.laCode) : null;
    if (provider === null) throw new NotFoundError('no single sign-on for that LA');
    const next = safeNext((req.query as Record<string, unknown>).next);
    try {
      const { url, state } = await startOidcLogin(
        provider,
        config.env,
        `${origin(req)}/sign-in/sso/callback`,
        next,
      );
      reply.setCookie(OIDC_STATE_COOKIE, sealState(state), stateCookie);
      return await reply.redirect(url.href);
    } catch (err) {
      req.log.warn({ err, laCode: provider.laCode }, 'identity provider unavailable');
      return reply
        .code(502)
        .view(failedPage, { reason: `${provider.displayName} is not responding. Try again later` });
    }
  });

  app.get('/sign-in/sso/callback', { config: { rateLimit: signInRateLimit } }, async (req, reply) => {
    const login = openState(req.cookies[OIDC_STATE_COOKIE]);
    reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
    if (login === null)
      return reply.code(400).view(failedPage, { reason: 'Your sign-in took too long or was interrupted' });
    const provider = await providerFor(database.db, config, login.laCode);
    if (provider === null) throw new NotFoundError('provider disabled during sign-in');
    const result = await finishOidcLogin(
      database.db,
      provider,
      config.env,
      new URL(`${origin(req)}${req.url}`),
      login,
      requestMeta(req),
    );
    if (result.kind === 'refused') return reply.code(401).view(failedPage, { reason: result.reason });
    const cookie = await completeSignIn(
      sessionContext(req),
      result.account,
      `single sign-on (${provider.displayName})`,
    );
    setSessionCookie(reply, config, cookie);
    return reply.redirect(safeNext(login.next), 303);
  });
};
