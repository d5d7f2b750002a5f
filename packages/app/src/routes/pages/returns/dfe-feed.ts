/**
 * The DfE daily feed's status page (`/returns/dfe-feed`), for the `see_returns` capability
 * (performance and data officers, managers); anyone else gets "not found". Thin: check, read, render.
 */
import type { FastifyPluginAsync } from 'fastify';
import { can } from '../../../access/capabilities.ts';
import { requireActor } from '../../../auth/actor.ts';
import { dfeFeedSettings } from '../../../dfe-feed/settings.ts';
import { dfeFeedStatus } from '../../../dfe-feed/status.ts';
import { timeAndDate } from '../../../http/forms/dates.ts';
import { NotFoundError } from '../../../http/errors.ts';

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  sending: { text: 'Sending', classes: 'govuk-tag--blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  'nothing to send': { text: 'Nothing to send', classes: 'govuk-tag--grey' },
  rejected: { text: 'Refused', classes: 'govuk-tag--red' },
  skipped: { text: 'Skipped', classes: 'govuk-tag--yellow' },
  queued: { text: 'Queued', classes: 'govuk-tag--grey' },
  retrying: { text: 'Retrying', classes: 'govuk-tag--yellow' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--green' },
};

export const dfeFeedPages: FastifyPluginAsync = async (app) => {
  app.get('/returns/dfe-feed', async (req, reply) => {
    const actor = requireActor(req);
    if (!can(actor.roles, 'see_returns')) throw new NotFoundError('may not see the returns');
    const status = await dfeFeedStatus(app.deps.database.db, actor.laCode);
    return reply.view('pages/returns/dfe-feed.njk', {
      status,
      configured: dfeFeedSettings().baseUrl !== undefined,
      tags: STATUS_TAGS,
      when: (d: Date | null) => (d === null ? '' : timeAndDate(d)),
    });
  });
};
