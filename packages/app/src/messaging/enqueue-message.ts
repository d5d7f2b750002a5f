/**
 * `enqueueMessage`: the one way the app sends an email or text message. It checks the template,
 * channel, address and personalisation now (a bad message fails the caller's transaction, not a
 * job later) and enqueues `messaging.send` in the caller's transaction, so the message goes only
 * if the work commits, after it commits. The reference makes it idempotent: a reference enqueues
 * and sends one message, however often it is given.
 */
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { enqueue } from '../jobs/index.ts';
import { MESSAGING_SEND } from './send-job.ts';
import { messageTemplates, templateWords, type MessageChannel, type MessageTemplate } from './templates.ts';

export interface MessageInput {
  channel: MessageChannel;
  to: string;
  template: MessageTemplate;
  personalisation: Record<string, string>;
  /** The caller's own id for this message (e.g. `feedback-request:<uuid>`): one message per reference. */
  reference: string;
}

const emailSchema = z.email();

/** An email address in its stored form: trimmed, lower case. */
export function canonicalEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase();
  return emailSchema.safeParse(email).success && email.length <= 320 ? email : undefined;
}

/** A UK mobile number in its stored form, `07xxxxxxxxx` (spaces, dashes and +44 accepted). */
export function canonicalMobile(value: string): string | undefined {
  let digits = value.replace(/[\s()-]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  return /^07\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * Enqueues one message, sent after `tx` commits (GOV.UK Notify, or the local outbox).
 * @throws Error for a template not sent by that channel, a bad address, or personalisation that
 *   does not match the template's keys: a programming error, so the caller's work rolls back.
 * @example
 * await enqueueMessage(tx, { channel: 'email', to: 'parent@example.org', template: 'feedback-request',
 *   personalisation: { greeting: 'Hello', la_name: 'Demo Borough', link, code }, reference: `feedback-request:${id}` });
 */
export async function enqueueMessage(tx: Tx, input: MessageInput): Promise<string> {
  if (templateWords(input.template, input.channel) === undefined)
    throw new Error(`enqueueMessage: "${input.template}" is not sent by ${input.channel}`);
  const to = input.channel === 'email' ? canonicalEmail(input.to) : canonicalMobile(input.to);
  if (to === undefined) throw new Error(`enqueueMessage: the ${input.channel} address is not valid`);
  const wanted = [...messageTemplates[input.template].personalisation].sort();
  const given = Object.keys(input.personalisation).sort();
  if (wanted.join(',') !== given.join(','))
    throw new Error(`enqueueMessage: "${input.template}" needs personalisation ${wanted.join(', ')}`);
  const reference = input.reference.trim();
  if (reference === '' || reference.length > 200)
    throw new Error('enqueueMessage: the reference must be 1 to 200 characters');
  return enqueue(
    tx,
    MESSAGING_SEND,
    {
      channel: input.channel,
      to,
      template: input.template,
      personalisation: input.personalisation,
      reference,
    },
    { idempotencyKey: `message:${reference}` },
  );
}
