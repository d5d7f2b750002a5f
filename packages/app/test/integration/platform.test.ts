import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const expectedEngine = process.env.DATABASE_URL === undefined ? 'pglite' : 'postgres';

beforeAll(async () => {
  t = await createTestApp((app) => {
    app.get('/test/boom', async () => {
      throw new Error('secret internal detail at /var/lib/x');
    });
    app.get('/api/v1/test/boom', async () => {
      throw new Error('secret internal detail at /var/lib/x');
    });
  });
});
afterAll(async () => t.close());

describe('health', () => {
  it('answers 200 with the engine after checking the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: expectedEngine });
  });

  it('answers 503 when the database does not respond', async () => {
    // A PostgreSQL that refuses connections stands in for a database that has gone away.
    const down = await openDatabase({ databaseUrl: 'postgres://waypoint@127.0.0.1:1/nowhere', dataDir: '' });
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database: down,
    });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', database: 'postgres' });
    await app.close();
    await down.close();
  });
});

describe('unknown routes', () => {
  it('show a GOV.UK "Page not found" page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/page' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
    expect(res.body).toContain('govuk-template');
  });

  it('answer JSON with a stable error id under /api', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { id: 'not_found' } });
  });
});

describe('unexpected errors', () => {
  it('show the problem page with a request id and never the stack', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Sorry, there is a problem with the service');
    const requestId = res.headers['x-request-id'];
    expect(typeof requestId).toBe('string');
    expect(res.body).toContain(String(requestId));
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answer JSON id "internal" with the request id under /api', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { id: string; requestId: string; message: string } }>();
    expect(body.error.id).toBe('internal');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toContain('secret internal detail');
  });
});

describe('OpenAPI', () => {
  it('documents the /api/v1 routes from their zod schemas, and nothing else', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/status']?.get?.responses['200']).toBeDefined();
    for (const path of Object.keys(doc.paths)) expect(path.startsWith('/api/v1/')).toBe(true);
    expect(doc.paths['/api/v1/openapi.json']).toBeUndefined();
  });

  it('serves what it documents', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(res.json()).toEqual({ status: 'ok', database: expectedEngine, apiVersion: '1' });
  });
});

describe('pages and assets', () => {
  it('renders the start page with GOV.UK Frontend assets served locally', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/static/govuk/govuk-frontend.min.css"');
    // Nothing is loaded from another site: no CDN scripts, styles, fonts or images.
    expect(res.body).not.toMatch(/(src|href)="https?:\/\/[^"]*\.(js|css|woff2?|png|svg|ico)"/);
    expect(res.body).not.toMatch(/<script[^>]+src="https?:/);
    const css = await t.app.inject({ method: 'GET', url: '/static/govuk/govuk-frontend.min.css' });
    expect(css.statusCode).toBe(200);
    const font = await t.app.inject({ method: 'GET', url: '/assets/fonts/bold-b542beb274-v2.woff2' });
    expect(font.statusCode).toBe(200);
    const mojJs = await t.app.inject({ method: 'GET', url: '/static/moj/moj-frontend.min.js' });
    expect(mojJs.statusCode).toBe(200);
  });

  it('does not serve design-system source files outside CSS and JavaScript', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/static/govuk/template.njk' });
    expect(res.statusCode).toBe(404);
  });
});

describe('security headers', () => {
  it('sends a CSP with no inline scripts except by hash, and no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('shutdown', () => {
  it('finishes requests in flight before closing', async () => {
    const own = await createTestApp((app) => {
      app.get('/test/slow', async () => {
        await new Promise((r) => setTimeout(r, 300));
        return { finished: true };
      });
    });
    await own.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = own.app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${port}/test/slow`);
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
  });
});
