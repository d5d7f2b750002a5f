/** The checks before publication, publishing and withdrawal. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../../http/errors.ts';
import { dateFromBoxes, type FormBody } from '../../../http/forms/form.ts';
import { isValidationError } from '../../../http/forms/render.ts';
import {
  publishLearningReview,
  readChecks,
  signCheck,
  welfareDecisions,
  withdrawLearningReview,
} from '../../../learning-reviews/checks.ts';
import { regions, themes } from '../../../review-repository/vocabulary.ts';
import { callerFor, reviewParams } from './common.ts';

const SAVED: Record<string, string> = {
  signed: 'The check is signed',
  published: 'The review is published',
  withdrawn: 'The review is withdrawn',
};

export const checkPages: FastifyPluginAsync = async (app) => {
  const page = async (req: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) => {
    const { id } = reviewParams.parse(req.params);
    const q = z.object({ saved: z.string().max(20).optional() }).safeParse(req.query);
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/learning-reviews/checks.njk', {
      ...(await readChecks(callerFor(req), id)),
      welfareDecisions,
      regions,
      themes,
      errors,
      saved: q.success && q.data.saved !== undefined ? SAVED[q.data.saved] : undefined,
    });
  };
  app.get('/learning-reviews/:id/checks', async (req, reply) => page(req, reply));
  app.post('/learning-reviews/:id/checks/:check', async (req, reply) => {
    const { id, check } = z.object({ id: z.string().max(100), check: z.string().max(40) }).parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const noticeOn = dateFromBoxes(body, 'noticeOn');
    try {
      await signCheck(callerFor(req), id, check, {
        decision: body.decision,
        reason: body.reason,
        ...(noticeOn === undefined ? {} : { noticeOn }),
      });
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return page(
        req,
        reply,
        (err.options.fields ?? []).map((f) => (f.field === 'noticeOn' ? { ...f, field: 'noticeOn-day' } : f)),
      );
    }
    return reply.redirect(`/learning-reviews/${id}/checks?saved=signed`, 303);
  });
  app.post('/learning-reviews/:id/publish', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    try {
      await publishLearningReview(callerFor(req), id, req.body);
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return page(req, reply, err.options.fields ?? []);
    }
    return reply.redirect(`/learning-reviews/${id}/checks?saved=published`, 303);
  });
  app.post('/learning-reviews/:id/withdraw', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    try {
      await withdrawLearningReview(callerFor(req), id, req.body);
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return page(req, reply, [
        { field: 'withdrawReason', message: err.options.fields?.[0]?.message ?? 'Enter why' },
      ]);
    }
    return reply.redirect(`/learning-reviews/${id}/checks?saved=withdrawn`, 303);
  });
};
