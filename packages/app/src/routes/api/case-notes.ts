/** `PATCH /api/v1/children/{id}/notes/{noteId}`: edit a case note with optimistic locking. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../auth/actor.ts';
import { recordsFor, requireScope } from '../../http/request-context.ts';
import { noteEdit, updateNote } from '../../journey/case-notes.ts';
import { errorBody } from './error-body.ts';

const conflictBody = z.object({
  error: z.object({
    id: z.literal('conflict'),
    message: z.string(),
    requestId: z.string(),
    data: z.object({ current: z.record(z.string(), z.unknown()), yours: z.record(z.string(), z.unknown()) }),
  }),
});

export const caseNotesApi: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/children/:id/notes/:noteId',
    {
      schema: {
        summary: 'Edit a case note',
        description:
          'Send the `version` you read. If someone else saved since, nothing is changed and the answer is 409 with the saved version (`data.current`) beside yours. 404 without access. Audited.',
        tags: ['journey'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string(), noteId: z.string() }),
        body: noteEdit,
        response: {
          200: z.object({ id: z.uuid(), version: z.number().int() }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
          409: conflictBody,
        },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'children:write');
      const saved = await updateNote(recordsFor(req), req.params.id, req.params.noteId, req.body);
      return { id: saved.id, version: saved.version };
    },
  );
};
