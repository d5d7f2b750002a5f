/** Recording a visit on one page: date, was the child seen, what happened; the rest optional. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import { presentPerson } from '../../presenters/person.ts';
import { recordVisit } from '../../records/record-visit.ts';

const idParams = z.object({ id: z.string() });
type Form = Record<string, string | undefined>;

/** The GOV.UK date input's three fields → YYYY-MM-DD (or what was typed, for the validator to name). */
export function formToVisit(body: Form): Record<string, unknown> {
  const part = (name: string) => (body[name] ?? '').trim();
  const [d, m, y] = [part('date-day'), part('date-month'), part('date-year')];
  const date =
    d === '' && m === '' && y === ''
      ? ''
      : `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  return {
    date,
    seen: opt(body.seen),
    summary: body.summary ?? '',
    childSaid: opt(body.childSaid),
    notSeenReason: opt(body.notSeenReason),
    othersPresent: opt(body.othersPresent),
    minutesWithChild: opt(body.minutesWithChild),
  };
}

export const visitPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/visits/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const opened = await recordsFor(req).open(id, 'record_visit');
    return reply.view('pages/children/record-visit.njk', {
      person: presentPerson(opened.person, opened.abilities),
      values: {},
    });
  });

  app.post('/children/:id/visits', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    try {
      await recordVisit(records, id, formToVisit(body));
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'validation_failed') throw err;
      const opened = await records.open(id, 'record_visit');
      const fields = (err.options.fields ?? []).map((f) => ({
        ...f,
        field: f.field === 'date' ? 'date-day' : f.field,
      }));
      return reply.code(400).view('pages/children/record-visit.njk', {
        person: presentPerson(opened.person, opened.abilities),
        values: body,
        errors: fields,
      });
    }
    return reply.redirect(`/children/${id}?recorded=visit`, 303);
  });
};
