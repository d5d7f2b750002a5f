/**
 * Posting a page form as a browser would: GET the form (keeping any cookies it sets, such as a
 * CSRF secret), read its hidden `_csrf` field, then POST with both.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

function cookiesFrom(res: LightMyRequestResponse): string[] {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((c) => c.split(';')[0]!);
}

export async function submitForm(
  app: FastifyInstance,
  formUrl: string,
  cookie: string,
  fields: Record<string, string>,
  postUrl = formUrl,
): Promise<LightMyRequestResponse> {
  const form = await app.inject({ method: 'GET', url: formUrl, headers: { cookie } });
  const token = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
  const allCookies = [cookie, ...cookiesFrom(form)].join('; ');
  return app.inject({
    method: 'POST',
    url: postUrl,
    headers: { cookie: allCookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}
