/**
 * A child's attendances in unscheduled care (each check that found their CP-IS flag), for anyone
 * who may open the record. Thin: parse, call the cpis capability, render.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { attendancesOfChild } from '../../../cpis/attendances.ts';
import { flagKindLabels } from '../../../cpis/scope.ts';
import { timeAndDate } from '../../../http/forms/dates.ts';
import { recordsFor } from '../../../http/request-context.ts';
import { presentPerson } from '../../../presenters/person.ts';

const idParams = z.object({ id: z.uuid() });

export const cpisAttendancePages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/attendances', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { person, abilities, attendances } = await attendancesOfChild(recordsFor(req), id);
    return reply.view('pages/cpis/attendances.njk', {
      person: presentPerson(person, abilities),
      attendances: attendances.map((a) => ({
        ...a,
        kind: flagKindLabels[a.kind],
        seenAt: timeAndDate(a.seenAt),
      })),
    });
  });
};
