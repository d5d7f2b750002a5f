/**
 * The `messaging.send` job: sends one message through the configured transport, once per
 * reference. A message already recorded as sent is not sent again (a job run twice, after its
 * worker stopped between sending and being marked done, at worst sends twice through Notify in
 * that narrow window; the outbox stores once). Failures are retried with backoff, then dead
 * (visible at /admin/jobs, without the payload).
 */
import { z } from 'zod';
import { PermanentJobError, registerJob } from '../jobs/index.ts';
import { renderWords, templateWords, isMessageTemplate } from './templates.ts';
import { messagingTransport, type OutgoingMessage } from './transport.ts';

export const MESSAGING_SEND = 'messaging.send';

const payloadSchema = z.object({
  channel: z.enum(['email', 'sms']),
  to: z.string().min(1).max(320),
  template: z.string().refine(isMessageTemplate, 'unknown template'),
  personalisation: z.record(z.string(), z.string().max(2000)),
  reference: z.string().min(1).max(200),
});

registerJob(
  MESSAGING_SEND,
  payloadSchema,
  async (payload, ctx) => {
    const message: OutgoingMessage = payload;
    const alreadySent = await ctx.inTenant((tx) =>
      tx
        .selectFrom('messages')
        .select('id')
        .where('la_code', '=', ctx.laCode)
        .where('reference', '=', message.reference)
        .executeTakeFirst(),
    );
    if (alreadySent !== undefined) return;
    const transport = messagingTransport();
    const base = {
      la_code: ctx.laCode,
      reference: message.reference,
      channel: message.channel,
      template: message.template,
      to_address: message.to,
      job_id: ctx.jobId,
    };
    switch (transport.kind) {
      case 'unavailable':
        throw new Error(transport.reason);
      case 'outbox': {
        const words = templateWords(message.template, message.channel);
        if (words === undefined)
          throw new PermanentJobError(`"${message.template}" is not sent by ${message.channel}`);
        await ctx.inTenant((tx) =>
          tx
            .insertInto('messages')
            .values({
              ...base,
              transport: 'outbox',
              subject:
                words.subject === undefined ? null : renderWords(words.subject, message.personalisation),
              body: renderWords(words.body, message.personalisation),
            })
            .onConflict((oc) => oc.columns(['la_code', 'reference']).doNothing())
            .execute(),
        );
        return;
      }
      case 'notify': {
        // Sent outside any transaction; recorded after.
        const { providerId } = await transport.send(message);
        await ctx.inTenant((tx) =>
          tx
            .insertInto('messages')
            .values({ ...base, transport: 'notify', subject: null, body: null, provider_id: providerId })
            .onConflict((oc) => oc.columns(['la_code', 'reference']).doNothing())
            .execute(),
        );
        return;
      }
    }
  },
  { maxAttempts: 8, backoff: { baseMs: 30_000, maxMs: 3_600_000 }, urgent: true },
);
