/**
 * Transfers of children between LAs (transfer/README.md): the child's "Transfer to another local
 * authority" page (the sending LA), `/transfers` (incoming for the receiving LA's front door and
 * managers, outgoing for the sending LA's managers), one incoming transfer with its package and the
 * decision, and a transferred-in child's package on their record.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { can } from '../../../access/capabilities.ts';
import { requireActor } from '../../../auth/actor.ts';
import { AppError, NotFoundError, type FieldError } from '../../../http/errors.ts';
import { isValidationError, renderForm } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';
import {
  acceptTransfer,
  declineTransfer,
  incomingTransfer,
  incomingTransfers,
  outgoingTransfers,
  recordTransfers,
  requestTransfer,
  transferOutForm,
  withdrawTransfer,
} from '../../../transfer/index.ts';

const personParams = z.object({ id: z.uuid() });
const transferParams = z.object({ transferId: z.uuid() });
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function paramsOf<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('not a transfer');
  return parsed.data;
}

async function fieldErrors(work: () => Promise<unknown>): Promise<FieldError[] | null> {
  try {
    await work();
    return null;
  } catch (err) {
    if (isValidationError(err)) return err.options.fields ?? [];
    if (err instanceof AppError && err.id === 'conflict')
      return [{ field: 'decision', message: err.message }];
    throw err;
  }
}

export const transferPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;

  app.get('/children/:id/transfer', async (req, reply) => {
    const { id } = paramsOf(personParams, req.params);
    return renderForm(reply, 'pages/transfer/request.njk', await transferOutForm(recordsFor(req), id));
  });

  app.post('/children/:id/transfer', async (req, reply) => {
    const { id } = paramsOf(personParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const records = recordsFor(req);
    const values = { receivingLaCode: str(body.receivingLaCode) ?? '', reason: str(body.reason) ?? '' };
    const errors = await fieldErrors(() => requestTransfer(records, id, values));
    if (errors !== null)
      return renderForm(
        reply,
        'pages/transfer/request.njk',
        { ...(await transferOutForm(records, id)), values },
        errors,
      );
    return reply.redirect(`/children/${id}/transfer?done=requested`, 303);
  });

  app.get('/children/:id/transferred-in', async (req, reply) => {
    const { id } = paramsOf(personParams, req.params);
    const t = await recordTransfers(recordsFor(req), id);
    if (t.cameWith === null) throw new NotFoundError('no transfer in');
    return reply.view('pages/transfer/came-with.njk', { personId: id, ...t.cameWith });
  });

  app.get('/transfers', async (req, reply) => {
    const actor = requireActor(req);
    const records = recordsFor(req);
    const incoming = can(actor.roles, 'receive_transfers');
    const outgoing = can(actor.roles, 'transfer_children');
    if (!incoming && !outgoing) throw new NotFoundError('no transfers');
    return reply.view('pages/transfer/list.njk', {
      incoming: incoming ? await incomingTransfers(records) : null,
      outgoing: outgoing ? await outgoingTransfers(db, records) : null,
    });
  });

  const showIncoming = async (
    reply: FastifyReply,
    transferId: string,
    extra: Record<string, unknown>,
    errors: FieldError[] = [],
  ) => {
    const one = await incomingTransfer(recordsFor(reply.request), transferId);
    return renderForm(
      reply,
      'pages/transfer/incoming.njk',
      { ...one, ...extra },
      errors,
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get('/transfers/:transferId', async (req, reply) => {
    const { transferId } = paramsOf(transferParams, req.params);
    const done = str((req.query as Record<string, unknown>).done);
    return showIncoming(reply, transferId, { done: done === 'declined' ? done : null });
  });

  app.post('/transfers/:transferId/accept', async (req, reply) => {
    const { transferId } = paramsOf(transferParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const match = str(body.match);
    let personId: string | null = null;
    const errors = await fieldErrors(async () => {
      const r = await acceptTransfer(
        db,
        recordsFor(req),
        transferId,
        match === undefined || match === '' ? {} : { match },
      );
      if (!r.accepted)
        throw new AppError('validation_failed', 'choose', {
          fields: [
            { field: 'match', message: 'Select the record that is this child, or create a new record' },
          ],
        });
      personId = r.personId;
    });
    if (errors !== null) return showIncoming(reply, transferId, { values: { match } }, errors);
    return reply.redirect(`/children/${personId ?? ''}?done=transferred-in`, 303);
  });

  app.post('/transfers/:transferId/decline', async (req, reply) => {
    const { transferId } = paramsOf(transferParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reason = str(body.reason) ?? '';
    const errors = await fieldErrors(() => declineTransfer(recordsFor(req), transferId, { reason }));
    if (errors !== null) return showIncoming(reply, transferId, { values: { reason } }, errors);
    return reply.redirect(`/transfers/${transferId}?done=declined`, 303);
  });

  app.post('/transfers/:transferId/withdraw', async (req, reply) => {
    const { transferId } = paramsOf(transferParams, req.params);
    await withdrawTransfer(recordsFor(req), transferId);
    return reply.redirect('/transfers', 303);
  });
};
