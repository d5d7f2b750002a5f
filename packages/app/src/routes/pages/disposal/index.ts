/**
 * `/disposal`: the data protection officer's disposal batches (the `dispose_records` capability).
 * The list, a batch with its records and the approval, and a record's page (take it out of the
 * batch, or place a legal hold). Approval enqueues the disposal job: nothing is removed here.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../access/capabilities.ts';
import { requestMeta, requireActor, type Actor } from '../../../auth/actor.ts';
import {
  approveBatch,
  batchDetail,
  decideItem,
  kindWords,
  listBatches,
  ruleWords,
} from '../../../disposal/index.ts';
import { parseForm } from '../../../http/forms/issues.ts';
import { NotFoundError } from '../../../http/errors.ts';

const reason = (what: string) =>
  z
    .string({ error: `Enter why ${what}` })
    .trim()
    .min(1, `Enter why ${what}`)
    .max(500, 'The reason must be 500 characters or fewer');

const approveForm = z.object({
  confirm: z.literal('yes', { error: 'Confirm that these records are to be disposed of' }),
});
const itemForm = z.object({
  decision: z.enum(['remove', 'hold'], { error: 'Select what to do with this record' }),
  reason: reason('you are taking this record out, or holding it'),
});

const batchParams = z.object({ batchId: z.uuid() });
const itemParams = z.object({ batchId: z.uuid(), itemId: z.uuid() });

function requireDisposalOfficer(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!can(actor.roles, 'dispose_records')) throw new NotFoundError('not the disposal officer');
  return actor;
}

function paramsOf<S extends z.ZodType>(schema: S, req: FastifyRequest): z.infer<S> {
  const parsed = schema.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('not a disposal batch');
  return parsed.data;
}

const flash = { approved: 'approved', removed: 'removed', held: 'held' } as const;

export const disposalPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const words = { kindWords, ruleWords };

  app.get('/disposal', async (req, reply) => {
    const dpo = requireDisposalOfficer(req);
    return reply.view('pages/disposal/batches.njk', { batches: await listBatches(db, dpo) });
  });

  const batchView = async (req: FastifyRequest, dpo: Actor, batchId: string) => {
    const detail = await batchDetail(db, dpo, batchId, requestMeta(req));
    if (detail === null) throw new NotFoundError('no such batch');
    const done = (req.query as Record<string, unknown>).done;
    return {
      ...detail,
      ...words,
      officer: dpo.name,
      done: typeof done === 'string' && done in flash ? done : null,
      values: {},
    };
  };

  app.get('/disposal/:batchId', async (req, reply) => {
    const dpo = requireDisposalOfficer(req);
    const { batchId } = paramsOf(batchParams, req);
    return reply.view('pages/disposal/batch.njk', await batchView(req, dpo, batchId));
  });

  app.post('/disposal/:batchId/approve', async (req, reply) => {
    const dpo = requireDisposalOfficer(req);
    const { batchId } = paramsOf(batchParams, req);
    const form = parseForm(approveForm, req.body);
    if (!form.ok)
      return reply
        .code(400)
        .view('pages/disposal/batch.njk', { ...(await batchView(req, dpo, batchId)), errors: form.errors });
    const outcome = await approveBatch(db, dpo, batchId, requestMeta(req));
    if (outcome === 'not_found') throw new NotFoundError('no such batch');
    if (outcome !== 'approved') {
      const message =
        outcome === 'empty'
          ? 'There are no records left in this batch to dispose of'
          : 'This batch has already been approved';
      return reply.code(409).view('pages/disposal/batch.njk', {
        ...(await batchView(req, dpo, batchId)),
        errors: [{ field: 'confirm', message }],
      });
    }
    return reply.redirect(`/disposal/${batchId}?done=approved`, 303);
  });

  const itemView = async (req: FastifyRequest, dpo: Actor, batchId: string, itemId: string) => {
    const view = await batchView(req, dpo, batchId);
    const item = view.items.find((i) => i.id === itemId && i.personId !== null);
    if (item === undefined) throw new NotFoundError('no such record in the batch');
    return { ...view, item };
  };

  app.get('/disposal/:batchId/items/:itemId', async (req, reply) => {
    const dpo = requireDisposalOfficer(req);
    const { batchId, itemId } = paramsOf(itemParams, req);
    return reply.view('pages/disposal/item.njk', await itemView(req, dpo, batchId, itemId));
  });

  app.post('/disposal/:batchId/items/:itemId', async (req, reply) => {
    const dpo = requireDisposalOfficer(req);
    const { batchId, itemId } = paramsOf(itemParams, req);
    const form = parseForm(itemForm, req.body);
    if (!form.ok)
      return reply.code(400).view('pages/disposal/item.njk', {
        ...(await itemView(req, dpo, batchId, itemId)),
        values: form.values,
        errors: form.errors,
      });
    const outcome = await decideItem(db, dpo, { batchId, itemId, ...form.data }, requestMeta(req));
    if (outcome === 'not_found') throw new NotFoundError('no such record in the batch');
    if (outcome === 'not_proposed')
      return reply.code(409).view('pages/disposal/item.njk', {
        ...(await itemView(req, dpo, batchId, itemId)),
        values: form.data,
        errors: [
          {
            field: 'decision',
            message:
              form.data.decision === 'remove'
                ? 'This batch has been approved: a record can no longer be taken out of it, but you can still place a legal hold'
                : 'This record is no longer waiting for disposal',
          },
        ],
      });
    return reply.redirect(
      `/disposal/${batchId}?done=${form.data.decision === 'remove' ? 'removed' : 'held'}`,
      303,
    );
  });
};
