/**
 * Design-system assets served locally (no CDN): GOV.UK Frontend and MOJ Frontend CSS, JavaScript,
 * fonts and images, and the app's own `public/` files.
 */
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { govukDir, mojDir } from './views.ts';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));
const codeOnly = (path: string) => /\.(css|js|mjs|map)$/.test(path);

export async function registerAssets(app: FastifyInstance): Promise<void> {
  const common = { maxAge: '1d', immutable: false, index: false as const };
  await app.register(fastifyStatic, { root: `${govukDir}/govuk/assets`, prefix: '/assets/', ...common });
  await app.register(fastifyStatic, {
    root: `${mojDir}/moj/assets`,
    prefix: '/moj/assets/',
    decorateReply: false,
    ...common,
  });
  await app.register(fastifyStatic, {
    root: `${govukDir}/govuk`,
    prefix: '/static/govuk/',
    decorateReply: false,
    allowedPath: codeOnly,
    ...common,
  });
  await app.register(fastifyStatic, {
    root: `${mojDir}/moj`,
    prefix: '/static/moj/',
    decorateReply: false,
    allowedPath: codeOnly,
    ...common,
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/static/app/',
    decorateReply: false,
    ...common,
  });
}
