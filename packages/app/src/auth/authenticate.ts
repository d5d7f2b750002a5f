/**
 * Sets `req.actor` for every request: from a bearer token on /api/, otherwise from the session
 * cookie. A session that has not passed two-factor gives no actor (except on the two-factor pages,
 * which read `req.pendingSession`).
 *
 * A request that sends any `Authorization` header never authenticates by its cookie: a bad or
 * revoked token gives no actor at all, so a cross-site request cannot add a junk header to ride on
 * the browser's session past the CSRF check (csrf.ts skips the check only for `via: 'token'`).
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { LiveSession } from './sessions.ts';
import { findLiveToken } from './api-tokens.ts';
import { loadActor } from './load-actor.ts';
import { findLiveSession, SESSION_COOKIE } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** A live session still waiting for its two-factor code. */
    pendingSession: LiveSession | null;
  }
}

export async function registerAuthentication(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('pendingSession', null);
  const { config, database } = app.deps;
  const timeouts = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/static/') || req.url.startsWith('/assets/') || req.url === '/health') return;
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      if (!req.url.startsWith('/api/') || !/^Bearer\s+/i.test(auth)) return;
      const token = await findLiveToken(database.db, auth.replace(/^Bearer\s+/i, '').trim());
      if (token === null) return;
      req.actor = await loadActor(database.db, token.userId, {
        via: 'token',
        tokenId: token.id,
        scopes: token.scopes,
        actingLaCode: token.actingLaCode,
        ...(token.kind === 'client' ? { onBehalfOf: token.name } : {}),
      });
      return;
    }
    const value = req.cookies[SESSION_COOKIE];
    if (value === undefined) return;
    const session = await findLiveSession(database.db, value, timeouts);
    if (session === null) return;
    if (!session.mfaVerified) {
      req.pendingSession = session;
      return;
    }
    req.actor = await loadActor(database.db, session.userId, {
      via: 'session',
      sessionId: session.idHash,
      actingLaCode: session.actingLaCode,
    });
  });
}
