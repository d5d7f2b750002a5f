/**
 * `GET /api/v1/cpis/Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs number>`: the
 * CP-IS check for health systems, FHIR R4 (a Bundle of Flag; a bad NHS number is an
 * OperationOutcome with 400). Tokens need the `cpis:read` scope, which only the unscheduled care
 * clinician may hold; the check is audited and the worker told, as from the page.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import { checkChild } from '../../cpis/check.ts';
import { answerBundle, NHS_NUMBER_SYSTEM, operationOutcome } from '../../cpis/fhir.ts';
import { flagDirectory } from '../../cpis/flag-directory.ts';
import { AppError } from '../../http/errors.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const fhirBody = z.looseObject({ resourceType: z.string() });
/** A FHIR resource as the route's response schema sees it (its own fields pass through). */
const asBody = (r: { resourceType: string }) => r as { resourceType: string; [k: string]: unknown };
const query = z.looseObject({
  'patient.identifier': z.string().max(200).optional().describe(`${NHS_NUMBER_SYSTEM}|<NHS number>`),
  'patient.birthdate': z.string().max(20).optional().describe('YYYY-MM-DD: when given, it must match'),
  setting: z.string().max(40).optional().describe('where the child is seen (default emergency-department)'),
});

export const cpisApi: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cpis/Flag',
    {
      schema: {
        summary: 'CP-IS flags for an NHS number (FHIR R4)',
        description:
          'A searchset Bundle of Flag resources: child protection plan, looked after, or unborn child protection plan, ' +
          'with the responsible council and its numbers. Needs a token with the cpis:read scope (unscheduled care ' +
          'clinicians only). Every call is audited and the child’s social worker is told they were seen.',
        tags: ['cpis'],
        security: [{ bearer: [] }],
        querystring: query,
        response: { 200: fhirBody, 400: fhirBody, 401: fhirBody, 403: fhirBody, 404: fhirBody },
      },
    },
    async (req, reply) => {
      const fail = (
        status: 400 | 401 | 403 | 404,
        code: Parameters<typeof operationOutcome>[1],
        text: string,
      ) =>
        reply
          .code(status)
          .type(FHIR_JSON)
          .send(asBody(operationOutcome('error', code, text)));
      if (req.actor === null) return fail(401, 'login', 'Send a bearer token with the cpis:read scope');
      const actor = requireActor(req);
      if (actor.via === 'token' && !(actor.scopes ?? []).includes('cpis:read'))
        return fail(403, 'forbidden', 'This token does not have the cpis:read scope');
      const id = req.query['patient.identifier'] ?? '';
      const bar = id.lastIndexOf('|');
      if (bar < 0 || id.slice(0, bar) !== NHS_NUMBER_SYSTEM)
        return fail(400, 'invalid', `patient.identifier must be ${NHS_NUMBER_SYSTEM}|<NHS number>`);
      try {
        const answer = await checkChild(
          {
            db: app.deps.database.db,
            actor,
            meta: requestMeta(req),
            directory: flagDirectory(app.deps.database.db),
            via: 'fhir',
          },
          {
            nhsNumber: id.slice(bar + 1),
            ...(req.query['patient.birthdate'] === undefined
              ? {}
              : { dateOfBirth: req.query['patient.birthdate'] }),
            setting: req.query.setting ?? 'emergency-department',
          },
        );
        return await reply.type(FHIR_JSON).send(asBody(answerBundle(answer)));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.id === 'validation_failed')
          return fail(
            400,
            'invalid',
            (err.options.fields ?? []).map((f) => `${f.field}: ${f.message}`).join('; ') || err.message,
          );
        if (err.id === 'not_found') return fail(404, 'not-found', 'Not found');
        throw err;
      }
    },
  );
};
