/**
 * The index's HTTP API (Fastify 5, zod schemas, OpenAPI at /openapi.json). Client credentials:
 * `POST /v1/token` gives a bearer token; a client acts only for its registered organisations.
 * Bad input answers 400 with a message; scores never appear in any answer or error.
 */
import { cpisCheckSchema, cpisPublicationSchema } from './cpis-flags.ts';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientForToken, issueToken, type IndexApiClient } from './clients.ts';
import type { OpenedIndex, OpenedLocalIndex } from './open.ts';
import {
  isoDate,
  lookupSchema,
  organisationId,
  publicationSchema,
  reasonSchema,
  withdrawalSchema,
  callerSchema,
  contactSchema,
} from './schemas.ts';
import { CPIS_FLAG_KINDS, IndexInputError } from './types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    indexClient: IndexApiClient | null;
  }
}

const errorBody = z.object({ error: z.object({ id: z.string(), message: z.string() }) });
const agencySchema = z.object({
  organisation: z.string(),
  service: z.string(),
  role: z.string(),
  contact: contactSchema,
  since: z.string(),
  until: z.string().nullable(),
  laCode: z.string().nullable(),
});
const answerSchema = z.union([
  z.object({ outcome: z.literal('answered'), agencies: z.array(agencySchema), lookupId: z.string() }),
  z.object({ outcome: z.literal('ambiguous'), lookupId: z.string() }),
  z.object({ outcome: z.literal('none'), lookupId: z.string() }),
]);
const noticeSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  at: z.string(),
  kind: z.enum(['shielded_hit', 'lookup_on_records']),
  ref: z.string(),
  caller: callerSchema,
  reason: reasonSchema,
  reasonText: z.string().nullable(),
  shieldedContact: contactSchema.nullable(),
});
const lookupRecordSchema = z.object({
  lookupId: z.string(),
  at: z.string(),
  caller: callerSchema,
  reason: reasonSchema,
  reasonText: z.string().nullable(),
  refs: z.array(z.string()),
  disclosed: z.boolean(),
});

function fail(reply: FastifyReply, code: number, id: string, message: string): FastifyReply {
  return reply.code(code).send({ error: { id, message } });
}

/** The HTTP server over an opened index (for `waypoint-index serve` and `waypoint index serve`). */
export async function buildIndexServer(
  opened: OpenedIndex,
  opts: { logLevel?: string } = {},
): Promise<FastifyInstance> {
  if (!('database' in opened)) throw new TypeError('buildIndexServer needs an index opened by openIndex()');
  const index = opened as OpenedLocalIndex;
  const db = index.database.db;
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'warn' },
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('indexClient', null);
  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const where = issue?.instancePath
        ? `${issue.instancePath.replace(/^\//, '').replaceAll('/', '.')}: `
        : '';
      return fail(
        reply,
        400,
        'bad_request',
        `${err.validationContext ?? 'input'}: ${where}${issue?.message ?? 'invalid'}`,
      );
    }
    if (err instanceof IndexInputError) return fail(reply, 400, 'bad_request', err.message);
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return fail(reply, status, 'bad_request', (err as Error).message);
    req.log.error(err);
    return fail(reply, 500, 'internal', 'The index could not answer; the request was not applied.');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Waypoint involvement index',
        version: '1',
        description:
          'A national index of safeguarding involvements over keyed encodings: publishers encode on their side; the index holds no name, date of birth, address or identifier in plaintext, and never returns a similarity score.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });

  const authenticate = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const h = req.headers.authorization;
    const m = h === undefined ? null : /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(h);
    const client = m === null ? null : await clientForToken(db, m[1]!);
    if (client === null) {
      await fail(reply, 401, 'unauthorised', 'A valid bearer token is needed (POST /v1/token)');
      return;
    }
    req.indexClient = client;
  };
  const mayActFor = (req: FastifyRequest, reply: FastifyReply, org: string): boolean => {
    if (req.indexClient?.organisations.includes(org) === true) return true;
    void fail(reply, 403, 'forbidden', 'This client may not act for that organisation');
    return false;
  };
  const secured = { security: [{ bearer: [] }] };

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.post(
    '/v1/token',
    {
      schema: {
        summary: 'Client credentials → bearer token',
        body: z.object({
          grant_type: z.literal('client_credentials').optional(),
          client_id: z.string().min(1).max(200),
          client_secret: z.string().min(1).max(200),
        }),
        response: {
          200: z.object({
            access_token: z.string(),
            token_type: z.literal('Bearer'),
            expires_in: z.number(),
          }),
          401: errorBody,
        },
      },
    },
    async (req, reply) => {
      const t = await issueToken(db, req.body.client_id, req.body.client_secret);
      if (t === null) return fail(reply, 401, 'unauthorised', 'Unknown client or wrong secret');
      return { access_token: t.token, token_type: 'Bearer' as const, expires_in: t.expiresIn };
    },
  );

  app.post(
    '/v1/publications',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary: 'Publish (or end, or correct) an involvement; idempotent per (organisation, ref)',
        body: publicationSchema,
        response: { 200: z.object({ status: z.enum(['stored', 'unchanged', 'stale']) }), 400: errorBody },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.body.publisher.organisationId)) return reply;
      return index.client.publish(req.body);
    },
  );

  app.post(
    '/v1/withdrawals',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary: 'Withdraw an involvement: erasure of its encoding and details',
        body: withdrawalSchema,
        response: { 200: z.object({ status: z.literal('withdrawn') }), 400: errorBody },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.body.organisationId)) return reply;
      await index.client.withdraw(req.body);
      return { status: 'withdrawn' as const };
    },
  );

  app.post(
    '/v1/lookups',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary: 'Who else is involved with this child? Confident matches only; ambiguous says so',
        body: lookupSchema,
        response: { 200: answerSchema, 400: errorBody },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.body.caller.organisationId)) return reply;
      return index.client.lookup(req.body);
    },
  );

  app.get(
    '/v1/notices',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary: 'Notices for an organisation after a cursor, oldest first',
        querystring: z.object({
          organisation: organisationId,
          after: z
            .string()
            .regex(/^\d{1,18}$/, 'must be a notice id')
            .optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: { 200: z.object({ notices: z.array(noticeSchema) }), 400: errorBody },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.query.organisation)) return reply;
      const notices = await index.client.notices({
        organisationId: req.query.organisation,
        after: req.query.after ?? null,
        limit: req.query.limit,
      });
      return { notices };
    },
  );

  app.get(
    '/v1/lookups-on',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary: "Look-ups that touched an organisation's records (for its DPO)",
        querystring: z.object({ organisation: organisationId, from: isoDate, to: isoDate }),
        response: { 200: z.object({ lookups: z.array(lookupRecordSchema) }), 400: errorBody },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.query.organisation)) return reply;
      const lookups = await index.client.lookupsOn({
        organisationId: req.query.organisation,
        from: req.query.from,
        to: req.query.to,
      });
      return { lookups };
    },
  );

  app.post(
    '/v1/cpis/flags',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary:
          "Publish one child's CP-IS flags from an LA (keyed NHS-number pseudonyms; replaces what is held)",
        body: cpisPublicationSchema,
        response: { 200: z.object({ status: z.enum(['stored', 'stale']) }), 400: errorBody },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.body.publisher.organisationId)) return reply;
      return index.client.publishCpisFlags(req.body);
    },
  );

  app.post(
    '/v1/cpis/checks',
    {
      onRequest: authenticate,
      schema: {
        ...secured,
        summary: 'An unscheduled-care check: the CP-IS flags held under an NHS-number pseudonym (audited)',
        body: cpisCheckSchema,
        response: {
          200: z.object({
            flags: z.array(
              z.object({
                organisationId: z.string(),
                laCode: z.string(),
                ref: z.string(),
                kind: z.enum(CPIS_FLAG_KINDS),
                since: z.string(),
                until: z.string().nullable(),
                expectedDateOfBirth: z.string().nullable(),
                restricted: z.boolean(),
                confirmed: z.boolean(),
              }),
            ),
          }),
          400: errorBody,
        },
      },
    },
    async (req, reply) => {
      if (!mayActFor(req, reply, req.body.caller.organisationId)) return reply;
      return { flags: await index.client.checkCpisFlags(req.body) };
    },
  );

  return app;
}
