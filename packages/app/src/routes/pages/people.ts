/** Finding people, and adding a person: the form, the duplicate check, and "none of these, create a new record". */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { can } from '../../access/capabilities.ts';
import { roleLabels, type Role } from '../../access/roles.ts';
import { requireActor } from '../../auth/actor.ts';
import type { FormBody } from '../../http/forms/form.ts';
import { safeParseInput } from '../../http/forms/issues.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import { hasCriteria, searchQuery } from '../../people/search-query.ts';
import { presentSearchResult } from '../../presenters/person.ts';
import { createPerson, type CreateResult } from '../../people/create-person.ts';
import { addressFields, formToAddress, formToPerson, personFields } from '../../people/person-form.ts';

const allFields = [...personFields, ...addressFields];

/** A clear page, not a dead end, for someone whose roles do not include adding people. */
function cannotAdd(reply: FastifyReply, roles: readonly Role[]) {
  return reply.code(403).view('pages/people/cannot-add.njk', { roleNames: roles.map((r) => roleLabels[r]) });
}

export const peoplePages: FastifyPluginAsync = async (app) => {
  app.get('/search', async (req, reply) => {
    const actor = requireActor(req);
    const canAdd = can(actor.roles, 'create_people');
    const parsed = safeParseInput(searchQuery, req.query);
    if (!parsed.ok)
      return renderForm(reply, 'pages/people/search.njk', { query: req.query, canAdd }, parsed.errors);
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
      results: results.map((r) => presentSearchResult(r.person, r.abilities)),
    });
  });

  app.get('/people/new', async (req, reply) => {
    const actor = requireActor(req);
    if (!can(actor.roles, 'create_people')) return cannotAdd(reply, actor.roles);
    const kind = (req.query as { kind?: string }).kind;
    return renderForm(reply, 'pages/people/new.njk', {
      personFields,
      addressFields,
      values: kind === 'child' || kind === 'unborn' || kind === 'adult' ? { kind } : {},
    });
  });

  app.post('/people/new', async (req, reply) => {
    const actor = requireActor(req);
    if (!can(actor.roles, 'create_people')) return cannotAdd(reply, actor.roles);
    const body = (req.body ?? {}) as FormBody;
    const saved = await saveForm(
      allFields,
      () =>
        createPerson(recordsFor(req), {
          person: formToPerson(body),
          address: formToAddress(body),
          confirmNoDuplicate: body.confirmNoDuplicate === 'yes',
        }),
      (errors) =>
        renderForm(reply, 'pages/people/new.njk', { personFields, addressFields, values: body }, errors),
    );
    if (!saved.ok) return saved.reply;
    const result: CreateResult = saved.value;
    if (result.created) return reply.redirect(result.next, 303);
    return reply.view('pages/people/duplicates.njk', {
      candidates: result.candidates.map((c) => ({
        ...c,
        chance: c.percent >= 99.5 ? 'over 99%' : `${Math.round(c.percent)}%`,
      })),
      values: body,
      name: `${typeof body.givenName === 'string' ? body.givenName : ''} ${typeof body.familyName === 'string' ? body.familyName : ''}`.trim(),
    });
  });
};
