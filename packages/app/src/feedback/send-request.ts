/**
 * Sending a feedback request from a child's record: to the child, a parent or a carer, by email
 * or text message to the contact details recorded for them with their consent (through
 * messaging, after commit), or as a printed slip with the link and code. The code is shown or
 * sent once; only its hash is stored. Audited on the child's record.
 */
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import { enqueueMessage } from '../messaging/index.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { codeHash, displayCode, newCode } from './codes.ts';
import { familyRespondents, recipientsIn, type Recipient } from './recipients.ts';

/** How long a request's link and code work. */
export const REQUEST_DAYS = 28;

export const feedbackRequestInput = z.object({
  respondent: z.uuid({ error: 'Select who to ask' }),
  channel: z.enum(['email', 'sms', 'print'], { error: 'Select how to send it' }),
  form: z.enum(['standard', 'younger'], { error: 'Select which form to send' }),
});

export interface SentRequest {
  requestId: string;
  channel: 'email' | 'sms' | 'print';
  recipientName: string;
  /** The link and code, shown once, for a printed slip. */
  slip?: { link: string; code: string; expiresOn: Date };
}

/** Why a recipient cannot be sent a request this way, or null when they can. */
export function refusalFor(recipient: Recipient, channel: 'email' | 'sms' | 'print'): string | null {
  if (channel === 'print') return null;
  if (recipient.isRestricted)
    return `${recipient.name}’s record is restricted, so no message is sent to them: print a slip to hand over instead`;
  if (!recipient.details.consentToContact)
    return `${recipient.name} has not agreed to be contacted for feedback: record their consent and contact details first, or print a slip`;
  if (channel === 'email' && recipient.details.email === null)
    return `There is no email address recorded for ${recipient.name}`;
  if (channel === 'sms' && recipient.details.mobile === null)
    return `There is no mobile number recorded for ${recipient.name}`;
  return null;
}

/**
 * Creates a request and, for email or text, enqueues the message in the same transaction.
 * `origin` is the service's address the link starts with (e.g. https://waypoint.example.gov.uk).
 * @throws NotFoundError (no access, or no request_feedback capability); ValidationError
 */
export async function sendFeedbackRequest(
  records: PersonRecords,
  actor: Actor,
  childId: string,
  body: unknown,
  origin: string,
): Promise<SentRequest> {
  if (!can(actor.roles, 'request_feedback')) throw new NotFoundError('no request_feedback capability');
  const input = parseInput(feedbackRequestInput, body);
  const family = await familyRespondents(records, childId);
  return records.withRecord(childId, 'view', 'feedback.request', async (tx, opened, ctx) => {
    const child = opened.person;
    if (child.kind !== 'child') throw new NotFoundError('feedback is asked about children');
    const recipients = await recipientsIn(
      records,
      tx,
      ctx,
      { id: child.id, name: `${child.given_name} ${child.family_name}`, isRestricted: child.is_restricted },
      family,
    );
    const recipient = recipients.find((r) => r.personId === input.respondent);
    if (recipient === undefined)
      throw new ValidationError([{ field: 'respondent', message: 'Select who to ask' }]);
    const refusal = refusalFor(recipient, input.channel);
    if (refusal !== null) throw new ValidationError([{ field: 'channel', message: refusal }]);
    const team = await tx
      .selectFrom('allocations')
      .select('team_id')
      .where('person_id', '=', child.id)
      .where('ended_at', 'is', null)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    const code = newCode();
    const expiresAt = new Date(Date.now() + REQUEST_DAYS * 24 * 3600 * 1000);
    const { id } = await tx
      .insertInto('feedback_requests')
      .values({
        la_code: child.la_code,
        child_id: child.id,
        respondent_person_id: recipient.personId,
        respondent: recipient.respondent,
        form: input.form,
        channel: input.channel,
        code_hash: codeHash(code),
        expires_at: expiresAt,
        team_id: team?.team_id ?? null,
        sent_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = `${origin}/feedback?code=${code}`;
    const sent: SentRequest = { requestId: id, channel: input.channel, recipientName: recipient.name };
    if (input.channel === 'print')
      return { ...sent, slip: { link, code: displayCode(code), expiresOn: expiresAt } };
    const la = await tx
      .selectFrom('local_authorities')
      .select('name')
      .where('la_code', '=', child.la_code)
      .executeTakeFirstOrThrow();
    await enqueueMessage(tx, {
      channel: input.channel,
      to: input.channel === 'email' ? (recipient.details.email ?? '') : (recipient.details.mobile ?? ''),
      template: 'feedback-request',
      personalisation: { greeting: 'Hello,', la_name: la.name, link, code: displayCode(code) },
      reference: `feedback-request:${id}`,
    });
    return sent;
  });
}
