/**
 * Pages for people's records (search is in people.ts): the record, emergency access, who has viewed it, and the
 * subject access export. Thin: parse, call the caller-bound repository, present, render.
 */
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { BREAK_GLASS_MINUTES } from '../../access/policy.ts';
import { requireActor } from '../../auth/actor.ts';
import { timeAndDate } from '../../http/forms/dates.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import { presentPerson } from '../../presenters/person.ts';
import { exportAuditTrail, VIEWERS_PAGE_SIZE, whoViewed } from '../../audit/record-trail.ts';
import { pagination } from '../../presenters/pagination.ts';
import { presentViewerDays } from '../../presenters/viewers.ts';
import { grantBreakGlass, openBreakGlassForm } from '../../access/break-glass.ts';
import { loadChronology, loadJourney } from '../../journey/load-journey.ts';
import { eventGroupOptions, PAGE_SIZE, presentJourney } from '../../presenters/journey.ts';
import { planFeedback } from '../../feedback/child-feedback.ts';
import { parseJourneyFilter } from './journey-filter.ts';
import { savedBanner } from './saved-banner.ts';
import { agenciesForJourney } from '../../involvement/lookup.ts';

const idParams = z.object({ id: z.string() });
/** A page number; anything else is the first page. */
const viewersQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });
export const childrenPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { filter, page, errors, values } = parseJourneyFilter(req.query as Record<string, unknown>);
    const journey = await loadJourney(recordsFor(req), id, {
      filter,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      census: true,
    });
    // The agencies involved, from the index, asked again on every opening (after the view is audited).
    const agencies = await agenciesForJourney(app.deps.database.db, recordsFor(req), id);
    // What the child and family said about the plan, beside its goal scores (feedback capability).
    const familyFeedback =
      journey.opened.person.kind === 'child' ? await planFeedback(recordsFor(req), id) : [];
    return reply.view('pages/children/record.njk', {
      familyFeedback,
      involvedAgencies: agencies,
      ...presentJourney(journey, { page, pageSize: PAGE_SIZE, query: values }),
      census: journey.census,
      transferWaiting: journey.transfers.waiting?.otherLa.name ?? null,
      transferredIn: journey.transfers.cameWith?.transfer.otherLa.name ?? null,
      filter: { values, groups: eventGroupOptions(filter.groups ?? []) },
      errors,
      saved: savedBanner((req.query as { recorded?: unknown }).recorded),
    });
  });

  app.get('/children/:id/chronology', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { filter, values } = parseJourneyFilter(req.query as Record<string, unknown>);
    const journey = await loadChronology(recordsFor(req), id, filter);
    return reply.view('pages/children/chronology.njk', {
      ...presentJourney(journey, { page: 1, pageSize: journey.events.length || 1, query: values }),
      printedAt: timeAndDate(new Date()),
      printedBy: requireActor(req).name,
    });
  });

  app.get('/children/:id/break-glass', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const opened = await openBreakGlassForm(recordsFor(req), id);
    return reply.view('pages/children/break-glass.njk', {
      person: presentPerson(opened.person, opened.abilities),
      minutes: BREAK_GLASS_MINUTES,
    });
  });

  app.post('/children/:id/break-glass', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const records = recordsFor(req);
    const saved = await saveForm(
      [{ kind: 'textarea', name: 'reason', label: 'Why do you need to see this record now?' }],
      () => grantBreakGlass(records, id, req.body),
      async (errors) => {
        const opened = await openBreakGlassForm(records, id);
        return renderForm(
          reply,
          'pages/children/break-glass.njk',
          {
            person: presentPerson(opened.person, opened.abilities),
            minutes: BREAK_GLASS_MINUTES,
            values: req.body,
          },
          errors,
        );
      },
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/children/${id}`, 303);
  });

  app.get('/children/:id/viewers', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { page } = viewersQuery.parse(req.query ?? {});
    const { person, abilities, days, total } = await whoViewed(recordsFor(req), id, { page });
    const pages = Math.max(1, Math.ceil(total / VIEWERS_PAGE_SIZE));
    return reply.view('pages/children/viewers.njk', {
      person: { id: person.id, name: `${person.given_name} ${person.family_name}` },
      days: presentViewerDays(days),
      total,
      pagination: pagination(page, pages, (n) => `/children/${id}/viewers${n === 1 ? '' : `?page=${n}`}`),
      canExport: abilities.export_audit,
    });
  });

  app.get('/children/:id/audit-export.csv', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { entries } = await exportAuditTrail(recordsFor(req), id);
    const csv = stringify(
      entries.map((e) => [
        e.occurredAt.toISOString(),
        e.action,
        e.outcome,
        e.actorName ?? '',
        e.actorEmail ?? '',
        e.organisation ?? '',
        e.onBehalfOf ?? '',
        e.reason ?? '',
        e.ip ?? '',
        e.requestId ?? '',
      ]),
      {
        header: true,
        columns: [
          'occurred_at',
          'action',
          'outcome',
          'user',
          'email',
          'organisation',
          'on_behalf_of',
          'reason',
          'ip',
          'request_id',
        ],
      },
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${id}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
};
