/** Setting and clearing the session cookie on a reply. */
import type { FastifyReply } from 'fastify';
import type { Config } from '../config.ts';
import { authCookieOptions } from './cookies.ts';
import { SESSION_COOKIE } from './sessions.ts';

/** Sets the session cookie; it lasts as long as the browser (the server decides expiry). */
export function setSessionCookie(reply: FastifyReply, config: Config, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, authCookieOptions(config));
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, authCookieOptions(config));
}
