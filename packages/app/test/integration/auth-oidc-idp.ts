/**
 * A real OpenID Connect identity provider for tests: `oidc-provider` on 127.0.0.1 with a random
 * port, one confidential client, and interactions that log in as whoever the test chooses.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The subject the next login signs in as, and their email claim. */
  loginAs: { sub: string; email: string };
  close(): Promise<void>;
}

export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const state = { loginAs: { sub: 'nobody', email: 'nobody@example.test' } };
  const holder: { provider?: Provider } = {};
  const server: Server = createServer((req, res) => {
    const p = holder.provider!;
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        const details = await p.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await p.interactionFinished(
            req,
            res,
            { login: { accountId: state.loginAs.sub } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        const grant = new p.Grant({
          accountId: details.session!.accountId,
          clientId: String(details.params.client_id),
        });
        grant.addOIDCScope('openid email');
        await p.interactionFinished(
          req,
          res,
          { consent: { grantId: await grant.save() } },
          { mergeWithLastSubmission: true },
        );
      })().catch(() => {
        res.statusCode = 500;
        res.end();
      });
      return;
    }
    void p.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'waypoint-test';
  const clientSecret = 'a-test-client-secret-that-is-long-enough';
  holder.provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
          kid: 'test',
          alg: 'RS256',
          use: 'sig',
        },
      ],
    },
    cookies: { keys: ['test-cookie-key-not-secret'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({
        sub,
        email: sub === state.loginAs.sub ? state.loginAs.email : `${sub}@example.test`,
        email_verified: true,
      }),
    }),
  });
  return {
    issuer,
    clientId,
    clientSecret,
    get loginAs() {
      return state.loginAs;
    },
    set loginAs(v) {
      state.loginAs = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Follows the identity provider's redirects like a browser until it sends the browser back to `redirectUri`. */
export async function followToCallback(start: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let i = 0; i < 10; i++) {
    if (url.startsWith(redirectUri)) return new URL(url);
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const j = pair!.indexOf('=');
      jar.set(pair!.slice(0, j), pair!.slice(j + 1));
    }
    const location = res.headers.get('location');
    if (location === null)
      throw new Error(`identity provider stopped at ${url} with ${res.status}: ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}
