/**
 * Where messages go: GOV.UK Notify (through its official client) when `NOTIFY_API_KEY` is set;
 * otherwise the local outbox (the `messages` table, shown at /outbox outside production). In
 * production without a key nothing is sent: the job fails, saying why, and is retried, so no
 * message is silently dropped.
 */
import { NotifyClient } from 'notifications-node-client';
import { loadConfig, type Config } from '../config.ts';
import { PermanentJobError } from '../jobs/index.ts';
import type { MessageChannel, MessageTemplate } from './templates.ts';

export interface OutgoingMessage {
  channel: MessageChannel;
  to: string;
  template: MessageTemplate;
  personalisation: Record<string, string>;
  reference: string;
}

export type MessageTransport =
  | { kind: 'outbox' }
  | { kind: 'notify'; send(message: OutgoingMessage): Promise<{ providerId: string }> }
  | { kind: 'unavailable'; reason: string };

let configured: MessageTransport | undefined;

/** Notify's template id for a template and channel, or an error naming the setting to fix. */
function notifyTemplateId(ids: Record<string, string>, message: OutgoingMessage): string {
  const key = `${message.template}:${message.channel}`;
  const id = ids[key];
  if (id === undefined) throw new Error(`NOTIFY_TEMPLATE_IDS has no Notify template id for "${key}"`);
  return id;
}

/** The transport for a configuration (see the module comment). */
export function transportFor(
  config: Pick<Config, 'env' | 'notifyApiKey' | 'notifyTemplateIds'>,
): MessageTransport {
  const apiKey = config.notifyApiKey;
  if (apiKey === undefined) {
    if (config.env === 'production')
      return {
        kind: 'unavailable',
        reason: 'NOTIFY_API_KEY is not set: messages cannot be sent in production',
      };
    return { kind: 'outbox' };
  }
  const client = new NotifyClient(apiKey);
  const ids = config.notifyTemplateIds;
  return {
    kind: 'notify',
    async send(message) {
      const templateId = notifyTemplateId(ids, message);
      const options = { personalisation: message.personalisation, reference: message.reference };
      try {
        const response =
          message.channel === 'email'
            ? await client.sendEmail(templateId, message.to, options)
            : await client.sendSms(templateId, message.to, options);
        return { providerId: response.data.id };
      } catch (err) {
        // Only the status and Notify's error names go into the job's last error: never the
        // address or the words, which Notify's body may echo.
        // Notify's 400 (a bad phone number or email address, missing personalisation) is refused
        // however often it is sent; rate limits, its 5xx and no answer are worth retrying.
        const text = `GOV.UK Notify refused the message: ${describeNotifyError(err)}`;
        throw statusOf(err) === 400 ? new PermanentJobError(text) : new Error(text);
      }
    },
  };
}

/** Sets the transport (from the app's configuration at start, or a test's own). */
export function configureMessaging(transport: MessageTransport): void {
  configured = transport;
}

/** The configured transport, or the one the environment's configuration gives. */
export function messagingTransport(): MessageTransport {
  configured ??= transportFor(loadConfig());
  return configured;
}

function statusOf(err: unknown): number | undefined {
  return (err as { response?: { status?: number } } | null)?.response?.status;
}

/** An HTTP status and Notify's error names, from an axios error, without the request or body text. */
function describeNotifyError(err: unknown): string {
  if (typeof err !== 'object' || err === null) return 'unknown error';
  const response = (err as { response?: { status?: number; data?: { errors?: { error?: unknown }[] } } })
    .response;
  if (response === undefined) return (err as { code?: string }).code ?? 'no response';
  const names = (response.data?.errors ?? []).map((e) => String(e.error)).join(', ');
  return `HTTP ${String(response.status)}${names === '' ? '' : ` (${names})`}`;
}
