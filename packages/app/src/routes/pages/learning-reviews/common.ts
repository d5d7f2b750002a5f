/** What every learning-review page shares: the caller, the decision words, the review's form page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../../auth/actor.ts';
import type { FieldError } from '../../../http/errors.ts';
import type { Field } from '../../../http/forms/form.ts';
import { renderForm } from '../../../http/forms/render.ts';
import type { ReviewCaller } from '../../../learning-reviews/access.ts';

/** The caller of a learning-review operation. */
export const callerFor = (req: FastifyRequest): ReviewCaller => ({
  db: req.server.deps.database.db,
  actor: requireActor(req),
  meta: requestMeta(req),
});

export const decisions: Record<string, string> = {
  pending: 'Not decided yet',
  'local-review': 'Local child safeguarding practice review',
  'no-local-review': 'No local review',
};

export const reviewParams = z.object({ id: z.string().max(100) });

export interface FormPage {
  title: string;
  caption?: string;
  action: string;
  backHref: string;
  backText?: string;
  fields: readonly Field[];
  saveText?: string;
  intro?: string[];
}

/** Renders the one review form page. */
export function reviewForm(
  reply: FastifyReply,
  page: FormPage,
  values: Record<string, unknown> = {},
  errors: readonly FieldError[] = [],
): FastifyReply {
  return renderForm(reply, 'pages/learning-reviews/form.njk', { ...page, values }, errors);
}
