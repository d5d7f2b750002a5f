/**
 * The CP-IS data team's pages (the `manage_cpis` capability): children in scope and the NHS
 * numbers that key their flags, with a link to fix each gap, and the verification form. Anyone
 * else gets "not found". Thin: parse, call the cpis capability, render.
 */
import { formatNhsNumber } from '@waypoint/identifiers';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../access/capabilities.ts';
import { requireActor } from '../../../auth/actor.ts';
import { attendancesOfLa } from '../../../cpis/attendances.ts';
import { nhsNumberReport, openForVerification, verifyNhsNumber } from '../../../cpis/data-team.ts';
import { gapReasonLabels } from '../../../cpis/gaps.ts';
import { flagKindLabels } from '../../../cpis/scope.ts';
import { NotFoundError } from '../../../http/errors.ts';
import { timeAndDate } from '../../../http/forms/dates.ts';
import type { Field } from '../../../http/forms/form.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';

const idParams = z.object({ id: z.uuid() });
const verifyFields: Field[] = [
  { kind: 'text', name: 'nhsNumber', label: 'NHS number you confirmed', width: 10 },
  { kind: 'textarea', name: 'note', label: 'How you confirmed it', optional: true, rows: 3 },
];

export const cpisDataTeamPages: FastifyPluginAsync = async (app) => {
  app.get('/cpis/nhs-numbers', async (req, reply) => {
    if (!can(requireActor(req).roles, 'manage_cpis')) throw new NotFoundError('not the CP-IS data team');
    const records = recordsFor(req);
    const report = await nhsNumberReport(records);
    const attendances = await attendancesOfLa(records);
    return reply.view('pages/cpis/nhs-numbers.njk', {
      report,
      percent: Math.floor(report.share * 1000) / 10,
      gaps: report.rows.filter((r) => r.gap !== null),
      kinds: flagKindLabels,
      reasons: gapReasonLabels,
      attendances: attendances.map((a) => ({ ...a, seenAtText: timeAndDate(a.seenAt) })),
      verified: (req.query as Record<string, unknown>).verified === '1',
    });
  });

  const showForm = async (req: FastifyRequest, id: string) => {
    const { person, last } = await openForVerification(recordsFor(req), id);
    return {
      person: {
        id: person.id,
        name: person.is_restricted ? 'Restricted record' : `${person.given_name} ${person.family_name}`,
        nhsNumber: person.nhs_number === null ? null : formatNhsNumber(person.nhs_number),
      },
      last,
      fields: verifyFields,
    };
  };

  app.get('/cpis/nhs-numbers/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return reply.view('pages/cpis/verify.njk', { ...(await showForm(req, id)), values: {} });
  });

  app.post('/cpis/nhs-numbers/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const saved = await saveForm(
      verifyFields,
      () => verifyNhsNumber(recordsFor(req), id, req.body),
      async (errors) =>
        renderForm(
          reply,
          'pages/cpis/verify.njk',
          { ...(await showForm(req, id)), values: req.body },
          errors,
        ),
    );
    if (!saved.ok) return saved.reply;
    // The data team goes back to its report; a health partner to the record.
    const back = can(requireActor(req).roles, 'manage_cpis')
      ? '/cpis/nhs-numbers?verified=1'
      : `/children/${id}`;
    return reply.redirect(back, 303);
  });
};
