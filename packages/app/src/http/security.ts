/**
 * Security headers. The CSP allows no inline script except the one line GOV.UK Frontend's page
 * template puts at the top of <body> to add the `js-enabled` class; it is allowed by its hash,
 * computed from the installed template so it stays right when GOV.UK Frontend is upgraded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { isStaticRequest } from './logger.ts';
import { govukDir } from './views.ts';

/** The sha256 CSP source for the GOV.UK template's inline script. */
export function govukInlineScriptHash(): string {
  const template = readFileSync(`${govukDir}/govuk/template.njk`, 'utf8');
  const m = /<script[^>]*>([^<]*)<\/script>/.exec(template);
  if (m === null) throw new Error('GOV.UK Frontend template has no inline script: update security.ts');
  return `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`;
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: { isTls: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", govukInlineScriptHash()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only when served over TLS (directly or behind a TLS-terminating proxy).
    hsts: opts.isTls ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * `Cache-Control: no-store` on every response to a signed-in person (or one part-way through
 * signing in), page or API, success or error, except static files: any of them may carry personal
 * data (a child's record, the journey, a search, a caseload, notes, documents, who viewed, the
 * audit, the admin pages), and none may stay in a shared computer's browser cache or a proxy.
 * One hook, so no route can forget it.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply) => {
    if (isStaticRequest(req.url)) return;
    if (req.actor === null && req.pendingSession === null) return;
    reply.header('cache-control', 'no-store');
  });
}
