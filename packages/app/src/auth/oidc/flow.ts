/**
 * OpenID Connect sign-in (authorization code flow with PKCE, `openid-client` v6). The identity
 * provider's discovery document is fetched once per LA and kept. Users are matched by the email
 * claim to an existing, active account of the same LA: nobody is created automatically.
 */
import * as client from 'openid-client';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Schema } from '../../db/schema.ts';
import type { RequestMeta } from '../actor.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import { accountBar, findAccountByEmail, type SignInAccount } from '../sign-in/account.ts';
import type { OidcProvider } from './providers.ts';
import type { OidcLoginState } from './state-cookie.ts';

const configurations = new Map<string, Promise<client.Configuration>>();

/** Discovery for a provider (cached). Plain-HTTP issuers are allowed outside production only. */
export function configurationFor(provider: OidcProvider, env: Config['env']): Promise<client.Configuration> {
  const cacheKey = `${provider.laCode}|${provider.issuer}|${provider.clientId}`;
  let found = configurations.get(cacheKey);
  if (found === undefined) {
    const insecure = env !== 'production' && provider.issuer.startsWith('http://');
    found = client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
      // Deprecated only to stand out in review: plain HTTP is allowed for local identity providers outside production.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    });
    found.catch(() => configurations.delete(cacheKey));
    configurations.set(cacheKey, found);
  }
  return found;
}

/**
 * The URL to send the browser to, and the state to keep in the signed cookie.
 * @example const { url, state } = await startOidcLogin(provider, 'production', redirectUri, '/');
 */
export async function startOidcLogin(
  provider: OidcProvider,
  env: Config['env'],
  redirectUri: string,
  next: string,
): Promise<{ url: URL; state: Omit<OidcLoginState, 'expiresAt'> }> {
  const config = await configurationFor(provider, env);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state: { laCode: provider.laCode, state, nonce, verifier, next } };
}

export type OidcResult = { kind: 'passed'; account: SignInAccount } | { kind: 'refused'; reason: string };

/** Exchanges the code, checks state, nonce and PKCE, and finds the account for the email claim. */
export async function finishOidcLogin(
  db: Kysely<Schema>,
  provider: OidcProvider,
  env: Config['env'],
  callbackUrl: URL,
  login: OidcLoginState,
  meta: RequestMeta,
): Promise<OidcResult> {
  const config = await configurationFor(provider, env);
  let email: string | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    email = typeof claims?.email === 'string' ? claims.email : undefined;
    // Many providers put email only in the userinfo response (scope claims stay out of the ID token).
    if (email === undefined && claims !== undefined) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : undefined;
    }
  } catch {
    return { kind: 'refused', reason: 'The identity provider did not confirm who you are' };
  }
  if (email === undefined)
    return { kind: 'refused', reason: 'The identity provider did not give an email address' };
  const account = await findAccountByEmail(db, email);
  if (account === null || account.la_code !== provider.laCode)
    return {
      kind: 'refused',
      reason: 'There is no Waypoint account for your email address. Ask your administrator',
    };
  const bar = accountBar(account, env);
  if (bar !== null) {
    await auditAuthEvent(db, account, meta, {
      action: 'auth.sign_in',
      outcome: 'denied',
      reason: `single sign-on: ${bar}`,
    });
    return { kind: 'refused', reason: 'Your Waypoint account cannot be used. Ask your administrator' };
  }
  return { kind: 'passed', account };
}
