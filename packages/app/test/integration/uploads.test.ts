/**
 * Multipart bodies (http/uploads.ts), with the probes' inputs: no boundary is a 400 saying so on
 * every POST route (sign-in included); a route that takes no uploads answers 415; an anonymous
 * 50 MB upload is answered with the sign-in redirect before its body is read.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;

const NO_BOUNDARY =
  'The multipart/form-data body has no boundary: send the boundary parameter in the Content-Type header';

/** A body of `total` bytes made only as it is read, counting what was read. */
function lazyBody(total: number): { stream: Readable; read: () => number } {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const head = Buffer.from(
    '--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n',
  );
  const stream = new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const next = sent === 0 ? head : chunk;
      sent += next.length;
      this.push(next);
    },
  });
  return { stream, read: () => sent };
}

describe('multipart/form-data without a boundary', () => {
  it.each([
    ['/sign-in', 'page'],
    ['/sign-in/two-factor', 'page'],
    ['/api/v1/oauth/token', 'api'],
    ['/api/v1/children', 'api'],
    ['/children/CHILD/documents', 'page'],
    ['/children/CHILD/journey/visit', 'page'],
  ])('is a 400 saying so on %s', async (route, kind) => {
    const headers: Record<string, string> = { 'content-type': 'multipart/form-data' };
    if (kind === 'api') headers.authorization = await bearer(db(), w.users.workerA);
    else headers.cookie = await sessionCookie(db(), w.users.workerA);
    for (const contentType of [
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; charset=utf-8',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: route.replace('CHILD', w.children.child1),
        headers: { ...headers, 'content-type': contentType },
        payload: '--x\r\n',
      });
      expect(res.statusCode, `${route} ${contentType}`).toBe(400);
      if (route === '/api/v1/oauth/token')
        expect(res.json()).toEqual({ error: 'invalid_request', error_description: NO_BOUNDARY });
      else if (kind === 'api')
        expect(res.json<{ error: { message: string } }>().error.message).toBe(NO_BOUNDARY);
      else expect(res.body).toContain(NO_BOUNDARY);
    }
  });
});

describe('multipart/form-data with a boundary', () => {
  it('is refused with 415 where the route takes no uploads (sign-in, the API)', async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@example.test\r\n--b--\r\n';
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      payload: body,
    });
    expect(signIn.statusCode).toBe(415);
    expect(signIn.body).toContain('This address does not take multipart/form-data');
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/children',
      headers: {
        'content-type': 'multipart/form-data; boundary=b',
        authorization: await bearer(db(), w.users.workerA),
      },
      payload: body,
    });
    expect(api.statusCode).toBe(415);
    expect(api.json<{ error: { message: string } }>().error.message).toBe(
      'This address does not take multipart/form-data: send application/json',
    );
  });

  it('from someone not signed in is answered before the body is read (50 MB, anonymous)', async () => {
    const total = 50 * 1024 * 1024;
    const { stream, read } = lazyBody(total);
    const res = await t.app.inject({
      method: 'POST',
      url: `/children/${w.children.child1}/documents`,
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(total) },
      payload: stream,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
    // Only what the transport buffered before the answer was read, never the 50 MB.
    expect(read()).toBeLessThan(total / 10);
    stream.destroy();
  });
});
