/**
 * A tiny cookie-keeping client over Fastify's inject, for sign-in tests: it follows nothing
 * automatically, keeps cookies like a browser, and fills in the CSRF token from the last page.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/auth/passwords.ts';
import { currentTotp, newTotpSecret } from '../../src/auth/totp.ts';
import type { Schema } from '../../src/db/schema.ts';

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
}

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined): void {
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie]) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string | string[]>,
  ): Promise<Page> {
    const pairs = Object.entries(form ?? {}).flatMap(([k, v]): [string, string][] =>
      Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
    );
    const body = form === undefined ? undefined : new URLSearchParams(pairs).toString();
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        cookie: this.cookieHeader(),
        ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(body === undefined ? {} : { payload: body }),
    });
    this.remember(res.headers['set-cookie']);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m !== null) this.csrf = m[1]!;
    const location = res.headers.location;
    return {
      status: res.statusCode,
      body: res.body,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  get(url: string): Promise<Page> {
    return this.send('GET', url);
  }

  /** Posts a form with the CSRF token of the last page seen (pass `_csrf` to override). */
  post(url: string, form: Record<string, string | string[]> = {}): Promise<Page> {
    return this.send('POST', url, { _csrf: this.csrf, ...form });
  }
}

/** Gives a user a password (and optionally a confirmed TOTP secret). */
export async function givePassword(
  db: Kysely<Schema>,
  userId: string,
  password: string,
  opts: { totp?: boolean; isDemo?: boolean; mustChange?: boolean } = {},
): Promise<{ totpSecret: string | null }> {
  const totpSecret = opts.totp === true ? newTotpSecret() : null;
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      totp_secret: totpSecret,
      totp_confirmed_at: totpSecret === null ? null : new Date(),
      is_demo: opts.isDemo ?? false,
      must_change_password: opts.mustChange ?? false,
    })
    .where('id', '=', userId)
    .execute();
  return { totpSecret };
}

/** A code for a secret at a given offset of 30-second steps from now. */
export function codeFor(secret: string, stepOffset = 0): string {
  return currentTotp(secret, Date.now() + stepOffset * 30_000);
}

/**
 * Signs in through the real pages: the password, then the two-factor code of the user's confirmed
 * secret (every role needs two-factor). `stepOffset` picks a later 30-second step for a second
 * sign-in of the same user (a code is never accepted twice).
 */
export async function signInThroughPages(
  b: TestBrowser,
  user: { email: string },
  password: string,
  totpSecret: string,
  stepOffset = 0,
): Promise<Page> {
  await b.get('/sign-in');
  const first = await b.post('/sign-in', { email: user.email, password });
  if (first.location !== '/sign-in/two-factor') return first;
  await b.get('/sign-in/two-factor');
  return b.post('/sign-in/two-factor', { code: codeFor(totpSecret, stepOffset) });
}

export const GOOD_PASSWORD = 'plum tractor lantern seven';
