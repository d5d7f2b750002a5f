/**
 * Server-rendered pages: Nunjucks with the GOV.UK Frontend and MOJ Frontend templates and macros
 * (their own files, from node_modules, never copies), plus the app's `views/`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import type { FieldError } from './errors.ts';
import { longDate } from './forms/dates.ts';

const require = createRequire(import.meta.url);
export const govukDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const mojDir = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
const appViews = fileURLToPath(new URL('../../views/', import.meta.url));

export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([appViews, govukDir, mojDir], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );
  env.addGlobal('serviceName', 'Waypoint');
  // Nunjucks's own `trim` is `replace(/^\s*|\s*$/g, '')`, quadratic on the long runs of whitespace
  // in rendered design-system HTML (it was 43% of the journey page's render time). Same result, linear.
  env.addFilter('trim', (value: unknown) => {
    const text =
      typeof value === 'string'
        ? value
        : value instanceof nunjucks.runtime.SafeString
          ? value.toString()
          : typeof value === 'number'
            ? String(value)
            : '';
    return value instanceof nunjucks.runtime.SafeString
      ? new nunjucks.runtime.SafeString(text.trim())
      : text.trim();
  });
  // MOJ Frontend's own filters (its timeline formats dates with `mojDate`); ours below win on `date`.
  const mojFilters = require('@ministryofjustice/frontend/moj/filters/all') as () => Record<
    string,
    (...a: unknown[]) => unknown
  >;
  for (const [name, fn] of Object.entries(mojFilters())) if (name !== 'date') env.addFilter(name, fn);
  // The one way a date is shown: "1 December 2026" (http/forms/dates.ts).
  env.addFilter('date', (value: unknown) => longDate(value));
  // A plain string (not a macro's SafeString, which is truthy even when empty) for `errorMessage: ... if msg`.
  // One message per input, never stacked.
  env.addGlobal(
    'errorFor',
    (fields: FieldError[] | undefined, id: string) =>
      (fields ?? []).find((f) => f.field === id)?.message ?? '',
  );
  // A GOV.UK macro's `errorMessage` for one input: { text } when it has an error, otherwise false.
  env.addGlobal('errorMessage', (fields: FieldError[] | undefined, id: string) => {
    const text = (fields ?? []).find((f) => f.field === id)?.message;
    return text === undefined ? false : { text };
  });
  env.addFilter('errorList', (fields: FieldError[] | undefined) =>
    (fields ?? []).map((f) => ({ text: f.message, href: `#${f.field}` })),
  );
  return env;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders `views/<name>` with the page context and sends it as HTML. */
    view(name: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyRequest {
    /** Values every page template receives (set by hooks: user, abilities, CSRF token). */
    pageContext: Record<string, unknown>;
  }
}

export function registerViews(app: FastifyInstance): void {
  const env = createViewEnvironment();
  // Fastify needs a non-reference initial value; each request gets its own object in onRequest.
  app.decorateRequest('pageContext', null as unknown as Record<string, unknown>);
  app.addHook('onRequest', async (req) => {
    req.pageContext = { requestId: req.id, currentPath: req.url.split('?')[0] };
  });
  app.decorateReply(
    'view',
    function (this: FastifyReply, name: string, context: Record<string, unknown> = {}) {
      const html = env.render(name, { ...this.request.pageContext, ...context });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );
}
