/** Cookie attributes for sign-in cookies: HttpOnly, SameSite=Lax, Secure behind TLS or in production. */
import type { CookieSerializeOptions } from '@fastify/cookie';
import { behindProxy, type Config } from '../config.ts';

/** Secure cookies when served over TLS (a TLS-terminating proxy) or in production. */
export function cookiesAreSecure(config: Pick<Config, 'trustProxy' | 'env'>): boolean {
  return behindProxy(config) || config.env === 'production';
}

/**
 * Options for a first-party cookie that scripts cannot read.
 * @example reply.setCookie(SESSION_COOKIE, id, authCookieOptions(config));
 */
export function authCookieOptions(
  config: Pick<Config, 'trustProxy' | 'env'>,
  extra: Partial<CookieSerializeOptions> = {},
): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: cookiesAreSecure(config), ...extra };
}
