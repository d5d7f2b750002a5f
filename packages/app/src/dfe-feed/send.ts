/**
 * Sending one request of a push (the `returns.dfe-send` job): POST its body to the DfE with the
 * LA's `dfe_api_key` as the bearer, outside any transaction, then record the answer (answers.ts).
 * Accepted (200 with a receipt, or 204): the receipt is kept, the body cleared and each child's
 * pushed state updated, in one transaction. 429, 5xx or no answer: recorded and retried by the job
 * queue with backoff; after the last attempt, refused as given up. A 413 for more than one child:
 * the request is sent in halves (sendSplitting), each part the DfE accepts recorded as it is
 * accepted, so a retry sends only the children not yet accepted. 400, 401,
 * 403, a 413 for one child (and any other 4xx): recorded as refused with the reason and the job
 * is dead at once (PermanentJobError); the LA's later requests wait behind it, in order, until it
 * is retried or cancelled at /admin/jobs.
 */
import { getCredential } from '../la-settings/credentials.ts';
import { PermanentJobError, type JobContext } from '../jobs/index.ts';
import { dfeFeedSettings } from './settings.ts';
import { acceptPart, childIdOf, recordAttempt, settlePush, type RequestRef } from './answers.ts';

/** Attempts before a request retried for 429 or 5xx is given up (then dead at /admin/jobs). */
export const DFE_SEND_ATTEMPTS = 8;

/** The words of the DfE spec for each documented status. */
const STATUS_WORDS: Record<number, string> = {
  200: 'Data received',
  204: 'No content',
  400: 'Payload was malformed',
  401: 'Unauthorized Access',
  403: 'Forbidden Access',
  413: 'Too many records',
  429: 'Too many requests',
};

export interface DfeAnswer {
  status: number | null;
  text: string;
}

/** One POST to the DfE; never throws (no answer is `status: null` with the error's words). */
export async function postChildren(
  baseUrl: string,
  laCode: string,
  apiKey: string,
  body: unknown,
  timeoutMs = 60_000,
): Promise<DfeAnswer> {
  try {
    const res = await fetch(`${baseUrl}/children_social_care_data/${laCode}/children`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, text: await res.text() };
  } catch (err) {
    return { status: null, text: err instanceof Error ? `${err.name}: ${err.message}` : 'no answer' };
  }
}

/** The receipt of a 200: the Receipt schema is a JSON string (a UUID). */
function receiptOf(text: string): string | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v.slice(0, 200) : text.slice(0, 200) || null;
  } catch {
    return text.trim().slice(0, 200) || null;
  }
}

/** The reason kept for a refusal or failure: the status, the spec's words and the start of the answer (one line). */
function reasonOf(answer: DfeAnswer): string {
  const said = answer.text.replace(/\s+/g, ' ').trim().slice(0, 300);
  if (answer.status === null) return `No answer from the DfE (${said})`;
  const words = STATUS_WORDS[answer.status] ?? (answer.status >= 500 ? 'Server error' : 'Refused');
  return `HTTP ${String(answer.status)} ${words}${said === '' ? '' : `: ${said}`}`;
}

const accepted = (a: DfeAnswer) => a.status === 200 || a.status === 204;

/**
 * Sends `body`; when the DfE answers 413 "Too many records" for more than one child, sends each
 * half instead (and so on down), in order, stopping at the first part not accepted. Each part the
 * DfE accepts is handed to `onAccepted` (which records it durably) before the next is sent.
 * Answers the last answer: the failure that stopped it, or the last acceptance.
 */
async function sendSplitting(
  post: (body: unknown[]) => Promise<DfeAnswer>,
  body: unknown[],
  onAccepted: (children: unknown[], answer: DfeAnswer) => Promise<void>,
): Promise<DfeAnswer> {
  const answer = await post(body);
  if (answer.status === 413 && body.length >= 2) {
    const half = Math.ceil(body.length / 2);
    const first = await sendSplitting(post, body.slice(0, half), onAccepted);
    if (!accepted(first)) return first;
    return sendSplitting(post, body.slice(half), onAccepted);
  }
  if (accepted(answer)) await onAccepted(body, answer);
  return answer;
}

/** The `returns.dfe-send` handler. */
export async function sendRequest(
  payload: { pushId: string; requestNo: number },
  ctx: JobContext,
): Promise<void> {
  const { pushId, requestNo } = payload;
  const la = ctx.laCode;
  const settings = dfeFeedSettings();
  const ref: RequestRef = { laCode: la, pushId, requestNo };
  const loaded = await ctx.inTenant(async (tx) => {
    const row = await tx
      .selectFrom('dfe_push_requests')
      .select(['status', 'body', 'accepted_parts'])
      .where('la_code', '=', la)
      .where('push_id', '=', pushId)
      .where('request_no', '=', requestNo)
      .executeTakeFirst();
    if (row === undefined || row.status === 'accepted') return null;
    const apiKey =
      settings.baseUrl === undefined
        ? null
        : await getCredential(tx, settings.secretsKey(), la, 'dfe_api_key');
    return { body: row.body, acceptedParts: row.accepted_parts, apiKey };
  });
  // Gone (its push deleted) or already accepted: a job run twice sends once.
  if (loaded === null) return;
  const refuse = async (reason: string, http: number | null) => {
    await ctx.inTenant(async (tx) => {
      await recordAttempt(tx, ref, { status: 'rejected', http, reason });
      await settlePush(tx, la, pushId, `Request ${String(requestNo)} was refused: ${reason}`);
    });
    throw new PermanentJobError(`DfE request ${String(requestNo)} refused: ${reason}`);
  };
  const { baseUrl } = settings;
  if (baseUrl === undefined) return refuse('DFE_API_URL is not set, so nothing can be sent', null);
  const apiKey = loaded.apiKey;
  if (apiKey === null) return refuse('no DfE API key is set in Council settings (dfe_api_key)', null);

  // Only the children no part accepted before (an earlier attempt's 413 split), in order.
  const done = new Set(loaded.acceptedParts.flatMap((p) => p.children));
  const body = (Array.isArray(loaded.body) ? (loaded.body as unknown[]) : []).filter(
    (c) => !done.has(childIdOf(c)),
  );
  const answer = await sendSplitting(
    (part) => postChildren(baseUrl, la, apiKey, part),
    body,
    async (children, a) => {
      await ctx.inTenant((tx) =>
        acceptPart(tx, ref, {
          children,
          http: a.status ?? 200,
          receipt: a.status === 200 ? receiptOf(a.text) : null,
        }),
      );
    },
  );
  if (accepted(answer)) return;
  const reason = reasonOf(answer);
  const retryable = answer.status === null || answer.status === 429 || answer.status >= 500;
  if (!retryable) return refuse(reason, answer.status);
  if (ctx.attempt >= DFE_SEND_ATTEMPTS)
    return refuse(`${reason} (given up after ${String(ctx.attempt)} attempts)`, answer.status);
  await ctx.inTenant((tx) => recordAttempt(tx, ref, { status: 'retrying', http: answer.status, reason }));
  throw new Error(`DfE request ${String(requestNo)}: ${reason}; will retry`);
}
