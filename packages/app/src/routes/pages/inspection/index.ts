/**
 * Inspection pages (inspection/): the LA sets up an inspection, adds its inspectors and produces
 * its Annex A lists; inspectors choose children to track from the lists and open them read-only
 * while it is on; the LA sees what the inspectors viewed. Anyone else gets "not found". Thin:
 * parse, call the inspection capability, render.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../access/capabilities.ts';
import { requireActor } from '../../../auth/actor.ts';
import { londonDate, longDate, timeAndDate } from '../../../http/forms/dates.ts';
import { formToInput } from '../../../http/forms/form.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';
import { readAnnexAList, produceAnnexA } from '../../../inspection/annex-a.ts';
import { inspectorChildView } from '../../../inspection/child-view.ts';
import { inspectionFeedback } from '../../../inspection/feedback.ts';
import { feedbackView } from '../insight/feedback.ts';
import { addInspector, inspectorFields } from '../../../inspection/inspectors.ts';
import { kindLabel } from '../../../inspection/kinds.ts';
import { inspectionOverview } from '../../../inspection/overview.ts';
import { inspectorReads } from '../../../inspection/reads.ts';
import { createInspection, inspectionFields, listInspections } from '../../../inspection/setup.ts';
import { addToSample, addToSampleFields, trackFromList } from '../../../inspection/track.ts';
import { answerWords } from '../../../feedback/questions.ts';
import { PAGE_SIZE, presentJourney } from '../../../presenters/journey.ts';
import { pagination } from '../../../presenters/pagination.ts';
import { NotFoundError, type AppError } from '../../../http/errors.ts';
import type { InspectionRow } from '../../../inspection/access.ts';

const idParams = z.object({ id: z.string().max(64) });
const listParams = z.object({ id: z.string().max(64), list: z.string().regex(/^list-(10|[1-9])$/) });
const childParams = z.object({ id: z.string().max(64), personId: z.string().max(64) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).optional() });

/** The last day of an inspection (it ends at the start of the next). */
const lastDay = (i: InspectionRow) => longDate(londonDate(new Date(new Date(i.ends_at).getTime() - 1)));
const firstDay = (i: InspectionRow) => longDate(londonDate(i.starts_at));

function presentInspection(i: InspectionRow) {
  return {
    id: i.id,
    name: i.name,
    kind: kindLabel(i.kind),
    firstDay: firstDay(i),
    lastDay: lastDay(i),
    annexAAsAt: i.annex_a_as_at === null ? null : longDate(i.annex_a_as_at),
    annexAProducedAt: i.annex_a_produced_at === null ? null : timeAndDate(i.annex_a_produced_at),
  };
}

const respondentWords = { child: 'The child', parent: 'A parent', carer: 'A carer' } as const;

export const inspectionPages: FastifyPluginAsync = async (app) => {
  app.get('/inspections', async (req, reply) => {
    const list = await listInspections(recordsFor(req));
    return reply.view('pages/inspection/list.njk', {
      inspections: list.map((s) => ({
        ...presentInspection(s.inspection),
        state: s.state,
        inspectors: s.inspectors,
        tracked: s.tracked,
      })),
      isLa: can(requireActor(req).roles, 'manage_inspections'),
    });
  });

  const showNew = (
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: AppError['options']['fields'] = [],
  ) => renderForm(reply, 'pages/inspection/new.njk', { fields: inspectionFields, values }, errors ?? []);

  app.get('/inspections/new', async (req, reply) => {
    if (!can(requireActor(req).roles, 'manage_inspections'))
      throw new NotFoundError('may not set up inspections');
    return showNew(reply, {});
  });

  app.post('/inspections/new', async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const saved = await saveForm(
      inspectionFields,
      () => createInspection(recordsFor(req), formToInput(inspectionFields, body)),
      (errors) => showNew(reply, body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/inspections/${saved.value}?created=1`, 303);
  });

  app.get('/inspections/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const o = await inspectionOverview(recordsFor(req), id);
    const q = req.query as Record<string, unknown>;
    return reply.view('pages/inspection/show.njk', {
      inspection: presentInspection(o.opened.inspection),
      part: o.opened.part,
      isOn: o.opened.isOn,
      state: o.state,
      inspectors: o.inspectors.map((x) => ({
        ...x,
        ends: x.accessEndsAt === null ? 'No end' : timeAndDate(x.accessEndsAt),
      })),
      lists: o.lists.map((l) => ({ ...l, slug: l.name.toLowerCase().replace(' ', '-') })),
      tracked: o.tracked.map((t) => ({ ...t, addedOn: longDate(t.addedAt.toISOString().slice(0, 10)) })),
      canProduce: o.opened.part === 'la' && can(requireActor(req).roles, 'see_returns'),
      banner:
        q.created === '1'
          ? 'Inspection set up'
          : q.added === '1'
            ? 'Child added to the inspection’s sample'
            : q.produced === '1'
              ? 'Annex A lists produced from the record'
              : null,
    });
  });

  app.post('/inspections/:id/annex-a', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    await produceAnnexA(recordsFor(req), id);
    // A closed list of banners: the URL never sets the page's words (the lists show their rows).
    return reply.redirect(`/inspections/${id}?produced=1`, 303);
  });

  /** One of the LA's forms on an inspection (add an inspector, add a child), with its errors. */
  const laForm =
    (template: string, fields: typeof inspectorFields) =>
    async (
      req: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors: { field: string; message: string }[] = [],
    ) => {
      const { id } = idParams.parse(req.params);
      const o = await inspectionOverview(recordsFor(req), id);
      if (o.opened.part !== 'la') throw new NotFoundError('not the LA of this inspection');
      return renderForm(
        reply,
        template,
        { inspection: presentInspection(o.opened.inspection), fields, values },
        errors,
      );
    };
  const showInspectorForm = laForm('pages/inspection/add-inspector.njk', inspectorFields);
  const showSampleForm = laForm('pages/inspection/add-child.njk', addToSampleFields);

  app.get('/inspections/:id/inspectors/new', async (req, reply) => showInspectorForm(req, reply, {}));

  app.post('/inspections/:id/inspectors/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = req.body as Record<string, unknown>;
    const saved = await saveForm(
      inspectorFields,
      () => addInspector(app.deps.database.db, recordsFor(req), id, formToInput(inspectorFields, body)),
      (errors) => showInspectorForm(req, reply, body, errors),
    );
    if (!saved.ok) return saved.reply;
    if (!saved.value.created) return reply.redirect(`/inspections/${id}`, 303);
    // The temporary password is shown once, on this response only.
    return reply.header('cache-control', 'no-store').view('pages/inspection/inspector-added.njk', {
      inspectionId: id,
      name: typeof body.name === 'string' ? body.name : '',
      email: typeof body.email === 'string' ? body.email : '',
      temporaryPassword: saved.value.temporaryPassword,
    });
  });

  app.get('/inspections/:id/annex-a/:list', async (req, reply) => {
    const { id, list } = listParams.parse(req.params);
    const q = pageQuery.safeParse(req.query);
    const listName = `List ${list.slice(5)}`;
    const page = await readAnnexAList(recordsFor(req), id, listName, q.success ? (q.data.page ?? 1) : 1);
    const base = `/inspections/${id}/annex-a/${list}`;
    return reply.view('pages/inspection/annex-a-list.njk', {
      inspection: presentInspection(page.opened.inspection),
      part: page.opened.part,
      list: page.list,
      rows: page.rows,
      page: page.page,
      pages: page.pages,
      pagination: pagination(page.page, page.pages, (n) => `${base}?page=${n}`),
      tracked: (req.query as Record<string, unknown>).tracked === '1',
    });
  });

  app.get('/inspections/:id/sample/new', async (req, reply) => showSampleForm(req, reply, {}));

  app.post('/inspections/:id/sample/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = req.body as Record<string, unknown>;
    const saved = await saveForm(
      addToSampleFields,
      () => addToSample(recordsFor(req), id, formToInput(addToSampleFields, body)),
      (errors) => showSampleForm(req, reply, body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/inspections/${id}?added=1`, 303);
  });

  app.post('/inspections/:id/track', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = req.body as Record<string, unknown>;
    await trackFromList(recordsFor(req), id, body);
    const list = typeof body.list === 'string' ? body.list.toLowerCase().replace(' ', '-') : '';
    const page = typeof body.page === 'string' && /^\d+$/.test(body.page) ? `page=${body.page}&` : '';
    return reply.redirect(`/inspections/${id}/annex-a/${list}?${page}tracked=1`, 303);
  });

  app.get('/inspections/:id/children/:personId', async (req, reply) => {
    const { id, personId } = childParams.parse(req.params);
    const v = await inspectorChildView(recordsFor(req), id, personId);
    const journey = presentJourney(v.journey, {
      page: 1,
      pageSize: v.journey.events.length || PAGE_SIZE,
      query: {},
    });
    return reply.view('pages/inspection/child.njk', {
      ...journey,
      inspection: presentInspection(v.opened.inspection),
      visits: v.visits,
      feedback: v.feedback.map((f) => ({
        ...f,
        who: respondentWords[f.respondent],
        on: longDate(f.answeredAt.toISOString().slice(0, 10)),
      })),
      scaleWords: answerWords,
      linkedAgencies: v.linkedAgencies.map((a) => ({
        ...a,
        dates:
          a.until === null ? `since ${longDate(a.since)}` : `${longDate(a.since)} to ${longDate(a.until)}`,
      })),
    });
  });

  app.get('/inspections/:id/feedback', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { opened, trends } = await inspectionFeedback(recordsFor(req), id);
    return reply.view('pages/insight/feedback.njk', {
      ...feedbackView(trends),
      inspection: presentInspection(opened.inspection),
    });
  });

  app.get('/inspections/:id/reads', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const r = await inspectorReads(recordsFor(req), id);
    return reply.view('pages/inspection/reads.njk', {
      inspection: presentInspection(r.opened.inspection),
      children: r.children.map((c) => ({
        ...c,
        firstText: timeAndDate(c.first),
        lastText: timeAndDate(c.last),
      })),
      other: r.other.map((o) => ({ ...o, lastText: timeAndDate(o.last) })),
    });
  });
};
