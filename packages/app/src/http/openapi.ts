/**
 * The OpenAPI document for `/api/v1`, generated from the routes' zod schemas. Page routes are left
 * out: only paths under `/api/v1` are documented.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export const openApiDocument: NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>['openapi']> = {
  openapi: '3.1.0',
  info: {
    title: 'Waypoint API',
    version: '1',
    description:
      'The JSON API for partner systems and scripts. Every call is made as a user (bearer token), under the same access rules and audit as the pages. A record the caller may not see answers 404.',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'A personal access token or a client-credentials token',
      },
    },
  },
};

type TransformArg = Parameters<typeof jsonSchemaTransform>[0];

export function openApiTransform(arg: TransformArg): ReturnType<typeof jsonSchemaTransform> {
  if (!arg.url.startsWith('/api/v1/') || arg.url === '/api/v1/openapi.json') {
    return { schema: { ...arg.schema, hide: true }, url: arg.url };
  }
  return jsonSchemaTransform(arg);
}
