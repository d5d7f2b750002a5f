/**
 * Builds the Fastify application: plugins, error handling, pages, the JSON API and its OpenAPI
 * document. Used by `waypoint serve`, the tests (in-process) and the benchmarks.
 */
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { behindProxy, fastifyTrustProxy, type Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DemoStatus } from './seed/generate/demo-borough.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { registerSignInSecurity } from './auth/register-sign-in.ts';
import { registerRecordingBurden } from './insight/recording-hooks.ts';
import { registerAssets } from './http/assets.ts';
import { registerErrorHandlers } from './http/error-handlers.ts';
import { registerInputEdge } from './http/input-edge.ts';
import { loggerOptions, registerRequestLogging } from './http/logger.ts';
import { openApiTransform, openApiDocument } from './http/openapi.ts';
import { registerNoStore, registerSecurityHeaders } from './http/security.ts';
import { registerServerTiming } from './http/server-timing.ts';
import { registerUploads } from './http/uploads.ts';
import { registerViews } from './http/views.ts';
import { apiRoutes } from './routes/api/index.ts';
import { healthRoutes } from './routes/health.ts';
import { pageRoutes } from './routes/pages/index.ts';
import { outboxPages } from './routes/pages/messaging/outbox.ts';
import { configureMessaging, transportFor } from './messaging/transport.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  /** The demo borough's generation, when `waypoint serve` is generating it in the background. */
  demo?: DemoStatus;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel),
    // One line per request, at debug in development, never for static files (http/logger.ts).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: fastifyTrustProxy(deps.config),
    bodyLimit: 5 * 1024 * 1024,
    // A URL the router cannot decode (bad %-encoding) is a 400 naming it, in the API's error shape.
    frameworkErrors: (err, req, res) => {
      const reply: FastifyReply = res;
      if (err.code === 'FST_ERR_BAD_URL' && req.url.startsWith('/api/')) {
        void reply.code(400).send({
          error: {
            id: 'bad_request',
            message: 'The address is not valid: check its %-encoding',
            requestId: req.id,
          },
        });
        return;
      }
      void reply.send(err);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  registerServerTiming(app);
  registerRequestLogging(app, deps.config.env);
  // While closing, responses to requests in flight ask the client to drop the connection, so a
  // keep-alive socket cannot hold shutdown open until its timeout.
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (isClosing) reply.header('connection', 'close');
  });

  await registerSecurityHeaders(app, { isTls: behindProxy(deps.config) });
  registerNoStore(app);
  await app.register(formbody);
  // Documents: whole forms (fields and the file) as the body, so CSRF and validation work as for
  // any form; read only on routes that take uploads, for a signed-in caller (http/uploads.ts).
  await registerUploads(app);
  // After the body parsers: ids canonicalised and NUL refused for every route.
  registerInputEdge(app);
  await app.register(swagger, { openapi: openApiDocument, transform: openApiTransform });
  registerViews(app);
  registerErrorHandlers(app);
  await registerAssets(app);
  await registerAuthentication(app);
  await registerSignInSecurity(app);
  registerRecordingBurden(app);

  await app.register(healthRoutes);
  await app.register(pageRoutes);
  // Messages go through GOV.UK Notify with a key; without one, to the local outbox, shown at
  // /outbox outside production only.
  const transport = transportFor(deps.config);
  configureMessaging(transport);
  if (transport.kind === 'outbox') await app.register(outboxPages);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  return app;
}
