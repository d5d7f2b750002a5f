/** An {@link IndexClient} over HTTP to a remote index, with client credentials. */
import {
  type CpisFlagHit,
  type CpisFlagIndex,
  type IndexClient,
  IndexInputError,
  type IndexLookupAnswer,
  type IndexLookupRecord,
  type IndexNotice,
} from './types.ts';

/** The remote index answered with an error (other than bad input). */
export class IndexHttpError extends Error {
  override readonly name = 'IndexHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function httpIndexClient(opts: {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}): IndexClient & CpisFlagIndex {
  const base = opts.baseUrl.replace(/\/+$/, '');
  let token: { value: string; until: number } | null = null;

  const getToken = async (): Promise<string> => {
    if (token !== null && token.until > Date.now()) return token.value;
    const res = await fetch(`${base}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
      }),
    });
    if (!res.ok) throw new IndexHttpError(res.status, `index: token refused (${res.status})`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    token = { value: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 };
    return token.value;
  };

  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, retry = true): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await getToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 && retry) {
      token = null;
      return call(method, path, body, false);
    }
    const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } } & T;
    if (res.status === 400) throw new IndexInputError(json.error?.message ?? 'bad request');
    if (!res.ok) throw new IndexHttpError(res.status, `index: ${json.error?.message ?? res.statusText}`);
    return json;
  };

  return {
    publish: (p) => call('POST', '/v1/publications', p),
    withdraw: async (w) => {
      await call('POST', '/v1/withdrawals', w);
    },
    lookup: (q) => call<IndexLookupAnswer>('POST', '/v1/lookups', q),
    notices: async (q) => {
      const s = new URLSearchParams({ organisation: q.organisationId });
      if (q.after !== null) s.set('after', q.after);
      if (q.limit !== undefined) s.set('limit', String(q.limit));
      return (await call<{ notices: IndexNotice[] }>('GET', `/v1/notices?${s.toString()}`)).notices;
    },
    publishCpisFlags: (p) => call('POST', '/v1/cpis/flags', p),
    checkCpisFlags: async (q) => (await call<{ flags: CpisFlagHit[] }>('POST', '/v1/cpis/checks', q)).flags,
    lookupsOn: async (q) => {
      const s = new URLSearchParams({ organisation: q.organisationId, from: q.from, to: q.to });
      return (await call<{ lookups: IndexLookupRecord[] }>('GET', `/v1/lookups-on?${s.toString()}`)).lookups;
    },
  };
}
