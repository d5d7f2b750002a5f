/** Recording a visit on one page: date, was the child seen, what happened; the rest optional. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import { presentPerson } from '../../presenters/person.ts';
import { formToInput } from '../../journey/fields.ts';
import { loadJourneyState } from '../../journey/state.ts';
import { scoreField } from '../../journey/steps/plans.ts';
import type { PersonRecords } from '../../records/person-records.ts';
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

/** The record, with the score inputs for the goals of the plans in place. */
async function openForVisit(records: PersonRecords, id: string) {
  return records.withRecord(id, 'record_visit', 'record.view', async (tx, opened) => {
    const fields = scoreField(await loadJourneyState(tx, id));
    return { opened, fields };
  });
}

export const visitPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/visits/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { opened, fields } = await openForVisit(recordsFor(req), id);
    return reply.view('pages/children/record-visit.njk', {
      person: presentPerson(opened.person, opened.abilities),
      scoreFields: fields,
      values: {},
    });
  });

  app.post('/children/:id/visits', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    const { fields: scoreFields } = await openForVisit(records, id);
    try {
      await recordVisit(records, id, { ...formToVisit(body), ...formToInput(scoreFields, body) });
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'validation_failed') throw err;
      const { opened } = await openForVisit(records, id);
      const fields = (err.options.fields ?? []).map((f) => ({
        ...f,
        field: f.field === 'date' ? 'date-day' : f.field.replace('scores.', 'scores-'),
      }));
      return reply.code(400).view('pages/children/record-visit.njk', {
        person: presentPerson(opened.person, opened.abilities),
        scoreFields,
        values: body,
        errors: fields,
      });
    }
    return reply.redirect(`/children/${id}?recorded=visit`, 303);
  });
};
