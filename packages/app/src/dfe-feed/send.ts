/**
 * Sending one request of a push (the `returns.dfe-send` job): POST its body to the DfE with the
 * LA's `dfe_api_key` as the bearer, outside any transaction, then record the answer. Accepted (200
 * with a receipt, or 204): the receipt is kept, the body cleared and each child's pushed state
 * updated, in one transaction. 429, 5xx or no answer: recorded and retried by the job queue with
 * backoff. A 413 for more than one child: the request is sent in halves (sendSplitting). 400, 401,
 * 403, a 413 for one child (and any other 4xx): recorded as refused with the reason and the job
 * is dead at once (PermanentJobError); the LA's later requests wait behind it, in order, until it
 * is retried or cancelled at /admin/jobs.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { getCredential } from '../la-settings/credentials.ts';
import { PermanentJobError, type JobContext } from '../jobs/index.ts';
import { dfeFeedSettings } from './settings.ts';
import type { DfeAttempt, DfeKeptChange } from './tables.ts';

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

async function record(
  tx: Tx,
  laCode: string,
  pushId: string,
  requestNo: number,
  set: {
    status: 'accepted' | 'retrying' | 'rejected';
    http: number | null;
    receipt?: string | null;
    reason: string | null;
  },
): Promise<void> {
  const attempt: DfeAttempt = { at: new Date().toISOString(), status: set.http, reason: set.reason };
  await tx
    .updateTable('dfe_push_requests')
    .set({
      status: set.status,
      http_status: set.http,
      receipt: set.receipt ?? null,
      reason: set.reason,
      attempts: sql<number>`attempts + 1`,
      history: sql<string>`history || ${JSON.stringify([attempt])}::jsonb`,
      at: new Date(),
      ...(set.status === 'accepted' ? { body: null } : {}),
    })
    .where('la_code', '=', laCode)
    .where('push_id', '=', pushId)
    .where('request_no', '=', requestNo)
    .execute();
}

/** Marks the push sent when every request is accepted, or refused (with the reason) when one was. */
async function settlePush(tx: Tx, laCode: string, pushId: string, refusal: string | null): Promise<void> {
  if (refusal !== null) {
    await tx
      .updateTable('dfe_pushes')
      .set({ status: 'rejected', finished_at: new Date(), reason: refusal })
      .where('la_code', '=', laCode)
      .where('id', '=', pushId)
      .execute();
    return;
  }
  const left = await tx
    .selectFrom('dfe_push_requests')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('la_code', '=', laCode)
    .where('push_id', '=', pushId)
    .where('status', '<>', 'accepted')
    .executeTakeFirstOrThrow();
  if (left.n === 0)
    await tx
      .updateTable('dfe_pushes')
      .set({ status: 'sent', finished_at: new Date(), reason: null })
      .where('la_code', '=', laCode)
      .where('id', '=', pushId)
      .execute();
}

/** What the DfE now holds: each accepted child's hash and parts kept, each purged child forgotten. */
async function keepState(
  tx: Tx,
  laCode: string,
  pushId: string,
  changes: readonly DfeKeptChange[],
): Promise<void> {
  const gone = changes.filter((c) => c.hash === null).map((c) => c.laChildId);
  if (gone.length > 0)
    await tx
      .deleteFrom('dfe_pushed_children')
      .where('la_code', '=', laCode)
      .where('la_child_id', 'in', gone)
      .execute();
  const kept = changes.filter((c) => c.hash !== null);
  for (let i = 0; i < kept.length; i += 500) {
    const rows = kept.slice(i, i + 500).map((c) => ({
      la_code: laCode,
      la_child_id: c.laChildId,
      content_hash: c.hash ?? '',
      parts: JSON.stringify(c.parts),
      push_id: pushId,
    }));
    await tx
      .insertInto('dfe_pushed_children')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['la_code', 'la_child_id']).doUpdateSet((eb) => ({
          content_hash: eb.ref('excluded.content_hash'),
          parts: eb.ref('excluded.parts'),
          push_id: eb.ref('excluded.push_id'),
          pushed_at: new Date(),
        })),
      )
      .execute();
  }
}

const accepted = (a: DfeAnswer) => a.status === 200 || a.status === 204;

/**
 * Sends `body`; when the DfE answers 413 "Too many records" for more than one child, sends each
 * half instead (and so on down), in order, stopping at the first part not accepted. A retry of a
 * request sends it whole again: a part accepted before is sent again unchanged, which the DfE
 * takes as the same records.
 */
async function sendSplitting(
  baseUrl: string,
  laCode: string,
  apiKey: string,
  body: unknown[],
): Promise<{ answer: DfeAnswer; receipts: string[]; parts: number }> {
  const answer = await postChildren(baseUrl, laCode, apiKey, body);
  if (answer.status !== 413 || body.length < 2) {
    const receipt = answer.status === 200 ? receiptOf(answer.text) : null;
    return { answer, receipts: receipt === null ? [] : [receipt], parts: 1 };
  }
  const half = Math.ceil(body.length / 2);
  const first = await sendSplitting(baseUrl, laCode, apiKey, body.slice(0, half));
  if (!accepted(first.answer)) return first;
  const second = await sendSplitting(baseUrl, laCode, apiKey, body.slice(half));
  if (!accepted(second.answer)) return second;
  return {
    answer: second.answer,
    receipts: [...first.receipts, ...second.receipts],
    parts: first.parts + second.parts,
  };
}

/** The `returns.dfe-send` handler. */
export async function sendRequest(
  payload: { pushId: string; requestNo: number },
  ctx: JobContext,
): Promise<void> {
  const { pushId, requestNo } = payload;
  const la = ctx.laCode;
  const settings = dfeFeedSettings();
  const loaded = await ctx.inTenant(async (tx) => {
    const row = await tx
      .selectFrom('dfe_push_requests')
      .select(['status', 'body'])
      .where('la_code', '=', la)
      .where('push_id', '=', pushId)
      .where('request_no', '=', requestNo)
      .executeTakeFirst();
    if (row === undefined || row.status === 'accepted') return null;
    const apiKey =
      settings.baseUrl === undefined
        ? null
        : await getCredential(tx, settings.secretsKey(), la, 'dfe_api_key');
    return { body: row.body, apiKey };
  });
  // Gone (its push deleted) or already accepted: a job run twice sends once.
  if (loaded === null) return;
  const refuse = async (reason: string, http: number | null) => {
    await ctx.inTenant(async (tx) => {
      await record(tx, la, pushId, requestNo, { status: 'rejected', http, reason });
      await settlePush(tx, la, pushId, `Request ${String(requestNo)} was refused: ${reason}`);
    });
    throw new PermanentJobError(`DfE request ${String(requestNo)} refused: ${reason}`);
  };
  if (settings.baseUrl === undefined) return refuse('DFE_API_URL is not set, so nothing can be sent', null);
  if (loaded.apiKey === null) return refuse('no DfE API key is set in Council settings (dfe_api_key)', null);

  const body = Array.isArray(loaded.body) ? (loaded.body as unknown[]) : [];
  const { answer, receipts, parts } = await sendSplitting(settings.baseUrl, la, loaded.apiKey, body);
  if (answer.status === 200 || answer.status === 204) {
    await ctx.inTenant(async (tx) => {
      const row = await tx
        .selectFrom('dfe_push_requests')
        .select('changes')
        .where('la_code', '=', la)
        .where('push_id', '=', pushId)
        .where('request_no', '=', requestNo)
        .executeTakeFirstOrThrow();
      await keepState(tx, la, pushId, row.changes);
      await record(tx, la, pushId, requestNo, {
        status: 'accepted',
        http: answer.status,
        receipt: receipts.length === 0 ? null : receipts.join(' ').slice(0, 2000),
        reason: parts > 1 ? `Sent in ${String(parts)} parts after HTTP 413 Too many records` : null,
      });
      await settlePush(tx, la, pushId, null);
    });
    return;
  }
  const reason = reasonOf(answer);
  const retryable = answer.status === null || answer.status === 429 || answer.status >= 500;
  if (!retryable) return refuse(reason, answer.status);
  if (ctx.attempt >= DFE_SEND_ATTEMPTS)
    return refuse(`${reason} (given up after ${String(ctx.attempt)} attempts)`, answer.status);
  await ctx.inTenant((tx) =>
    record(tx, la, pushId, requestNo, { status: 'retrying', http: answer.status, reason }),
  );
  throw new Error(`DfE request ${String(requestNo)}: ${reason}; will retry`);
}
