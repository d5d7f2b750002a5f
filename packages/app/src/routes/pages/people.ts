/** Finding people, and adding a person: the form, the duplicate check, and "none of these, create a new record". */
import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../auth/actor.ts';
import { fieldErrors } from '../../auth/form.ts';
import { AppError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import { hasCriteria, searchQuery } from '../../people/search-query.ts';
import { presentSearchResult } from '../../presenters/person.ts';
import { createPerson, mayCreatePeople, type CreateResult } from '../../people/create-person.ts';
import {
  addressFields,
  formToAddress,
  formToPerson,
  pageErrors,
  personFields,
} from '../../people/person-form.ts';

type Form = Record<string, string | string[] | undefined>;
const allFields = [...personFields, ...addressFields];

export const peoplePages: FastifyPluginAsync = async (app) => {
  app.get('/search', async (req, reply) => {
    const actor = requireActor(req);
    const canAdd = mayCreatePeople(actor.roles);
    const parsed = searchQuery.safeParse(req.query);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
      return reply
        .code(400)
        .view('pages/people/search.njk', { query: req.query, errors, errorMap: fieldErrors(errors), canAdd });
    }
    const q = parsed.data;
    const hasQuery = hasCriteria(q);
    const results = hasQuery
      ? await recordsFor(req).search({
          name: q.name,
          dateOfBirth: q.dob,
          nhsNumber: q.nhsNumber,
          postcode: q.postcode,
        })
      : [];
    return reply.view('pages/people/search.njk', {
      query: req.query,
      hasQuery,
      canAdd,
      errorMap: {},
      results: results.map((r) => presentSearchResult(r.person, r.abilities)),
    });
  });

  app.get('/people/new', async (req, reply) => {
    const actor = requireActor(req);
    if (!mayCreatePeople(actor.roles)) throw new AppError('forbidden', 'You cannot add people to the record');
    const kind = (req.query as { kind?: string }).kind;
    return reply.view('pages/people/new.njk', {
      personFields,
      addressFields,
      values: kind === 'child' || kind === 'unborn' || kind === 'adult' ? { kind } : {},
      errorMap: {},
    });
  });

  app.post('/people/new', async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    let result: CreateResult;
    try {
      result = await createPerson(recordsFor(req), {
        person: formToPerson(body),
        address: formToAddress(body),
        confirmNoDuplicate: body.confirmNoDuplicate === 'yes',
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'validation_failed') throw err;
      const errors = pageErrors(allFields, err.options.fields ?? []);
      return reply.code(400).view('pages/people/new.njk', {
        personFields,
        addressFields,
        values: body,
        errors,
        errorMap: fieldErrors(errors),
      });
    }
    if (result.created) return reply.redirect(result.next, 303);
    return reply.view('pages/people/duplicates.njk', {
      candidates: result.candidates.map((c) => ({
        ...c,
        chance: c.percent >= 99.5 ? 'over 99%' : `${Math.round(c.percent)}%`,
      })),
      values: body,
      name: `${String(body.givenName ?? '')} ${String(body.familyName ?? '')}`.trim(),
    });
  });
};
