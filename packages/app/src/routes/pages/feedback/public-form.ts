/**
 * The public feedback form: no account, a one-time code (from the link, or typed in). The page
 * shows nothing about the child or the case, only the LA's name and the questions. A used,
 * expired or unknown code gets a page that says which, in plain words.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../../auth/actor.ts';
import { codeState, submitFeedback, type CodeState } from '../../../feedback/answer.ts';
import { canonicalCode } from '../../../feedback/codes.ts';
import { betterQuestion, questionKeys, questions, scaleOptions } from '../../../feedback/questions.ts';
import type { FieldError } from '../../../http/errors.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';

const limit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const codeQuery = z.object({ code: z.string().max(40).optional().catch(undefined) });

function showForm(
  reply: FastifyReply,
  code: string,
  open: Extract<CodeState, { state: 'open' }>,
  values: Record<string, unknown> = {},
  errors: FieldError[] = [],
) {
  const younger = open.form === 'younger';
  return renderForm(
    reply,
    younger ? 'pages/feedback/public-younger.njk' : 'pages/feedback/public-form.njk',
    {
      code,
      laName: open.laName,
      forChild: open.respondent === 'child',
      questions: questionKeys.map((k) => ({
        name: k,
        text: younger ? questions[k].younger : questions[k].standard,
      })),
      better: younger ? betterQuestion.younger : betterQuestion.standard,
      options: scaleOptions(open.form),
      values,
    },
    errors,
  );
}

function showClosed(reply: FastifyReply, state: 'used' | 'expired' | 'unknown') {
  return reply.code(state === 'unknown' ? 404 : 410).view('pages/feedback/public-closed.njk', { state });
}

export const publicFeedbackPages: FastifyPluginAsync = async (app) => {
  const db = () => app.deps.database.db;

  app.get('/feedback', { config: limit }, async (req, reply) => {
    const typed = codeQuery.parse(req.query).code;
    if (typed === undefined || typed === '') return renderForm(reply, 'pages/feedback/public-code.njk', {});
    const code = canonicalCode(typed);
    if (code === undefined)
      return renderForm(reply, 'pages/feedback/public-code.njk', { values: { code: typed } }, [
        { field: 'code', message: 'Enter the code as it is written, like ABCDE-23456' },
      ]);
    const state = await codeState(db(), code);
    if (state.state !== 'open') return showClosed(reply, state.state);
    return showForm(reply, code, state);
  });

  app.post('/feedback', { config: limit }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const code = typeof body.code === 'string' ? canonicalCode(body.code) : undefined;
    if (code === undefined)
      return renderForm(reply, 'pages/feedback/public-code.njk', { values: body }, [
        { field: 'code', message: 'Enter the code as it is written, like ABCDE-23456' },
      ]);
    return reply.redirect(`/feedback?code=${code}`, 303);
  });

  app.post('/feedback/answer', { config: limit }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const code = typeof body.code === 'string' ? (canonicalCode(body.code) ?? '') : '';
    const r = await saveForm(
      [...questionKeys, 'makeBetter'].map((name) => ({ kind: 'text', name, label: name })),
      () => submitFeedback(db(), requestMeta(req), code, body),
      async (errors) => {
        const state = await codeState(db(), code);
        return state.state === 'open'
          ? showForm(reply, code, state, body, errors)
          : showClosed(reply, state.state);
      },
    );
    if (!r.ok) return r.reply;
    if (r.value.state !== 'saved') return showClosed(reply, r.value.state);
    return reply.view('pages/feedback/public-thanks.njk', {});
  });
};
