/**
 * A request's bundle, redacted, read through the repository (`withRecord` on the subject, the
 * `subject_access` ability; audited as `record.view` for the review screen and `record.export` for
 * a download, naming the request), and the officer's disclosure decisions on its spans: each one
 * transaction, attributed (who, when, on which bundle version) and audited (`sar.decide`, never
 * naming the third party).
 */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/tenant.ts';
import { ValidationError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import type { PersonRecords, PersonRow } from '../records/person-records.ts';
import { anchorAt } from '../redaction-review/span-anchors.ts';
import { buildBundle } from './bundle.ts';
import { buildSubjectCast } from './cast.ts';
import { redactBundle, type RedactedBundle } from './redaction.ts';
import { requestOf, type RequestRow } from './requests.ts';

export type BundlePurpose = 'review' | 'html' | 'pdf';

export interface RequestBundle {
  request: RequestRow;
  subject: PersonRow;
  bundle: RedactedBundle;
}

async function redactedIn(tx: Tx, request: RequestRow, subject: PersonRow) {
  const bundle = await buildBundle(tx, subject);
  const cast = await buildSubjectCast(tx, subject.id, request.requesterPersonId);
  const decisions = await tx
    .selectFrom('subject_access_decisions as d')
    .innerJoin('users as u', 'u.id', 'd.decided_by')
    .selectAll('d')
    .select('u.name as decided_by_name')
    .where('d.request_id', '=', request.id)
    .orderBy('d.decided_at')
    .orderBy('d.id')
    .execute();
  return { raw: bundle, redacted: redactBundle(bundle, cast, decisions) };
}

/** The request with its redacted bundle. @throws NotFoundError */
export async function readBundle(
  records: PersonRecords,
  requestId: string,
  purpose: BundlePurpose,
): Promise<RequestBundle> {
  const request = await requestOf(records, requestId);
  const action = purpose === 'review' ? 'record.view' : 'record.export';
  return records.withRecord(
    request.subjectId,
    'subject_access',
    action,
    async (tx, opened) => {
      const { redacted } = await redactedIn(tx, request, opened.person);
      await records.audit(
        tx,
        action,
        'success',
        request.subjectId,
        `subject access request ${request.id}: ${purpose === 'review' ? 'review of the bundle' : `the ${purpose.toUpperCase()} bundle`} (version ${redacted.digest.slice(0, 12)})`,
      );
      return { request, subject: opened.person, bundle: redacted };
    },
    { auditSuccess: false },
  );
}

export const decisionInput = z.object({
  action: z.enum(['redact', 'disclose', 'redact-every', 'disclose-every'], {
    error: 'Select whether to redact or disclose it',
  }),
  start: z.coerce.number().int().min(0).max(100_000_000),
  end: z.coerce.number().int().min(1).max(100_000_000),
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'The bundle version is not valid: open the request again'),
});

/**
 * Saves one decision on the bundle as it stands (the digest must be the bundle's now): on one span
 * (`redact`, `disclose`), or on every mention of the person, place or identifier that span is
 * (`redact-every`, `disclose-every`: one decision row per mention, in one transaction, one audit
 * event naming the count). Returns how many spans were decided.
 * @throws ValidationError when the record changed or the span is not one of the bundle's
 */
export async function recordDisclosure(
  records: PersonRecords,
  requestId: string,
  input: unknown,
): Promise<number> {
  const d = parseInput(decisionInput, input);
  const every = d.action === 'redact-every' || d.action === 'disclose-every';
  const action = d.action === 'redact' || d.action === 'redact-every' ? 'redact' : 'disclose';
  const request = await requestOf(records, requestId);
  if (request.status !== 'open')
    throw new ValidationError([{ field: 'decision', message: 'This request is no longer open' }]);
  return records.withRecord(
    request.subjectId,
    'subject_access',
    'sar.decide',
    async (tx, opened) => {
      const { raw, redacted } = await redactedIn(tx, request, opened.person);
      if (raw.digest !== d.digest)
        throw new ValidationError([
          {
            field: 'decision',
            message: 'The record changed since you opened this page: decide on the span again',
          },
        ]);
      const span = redacted.spans.find((s) => s.start === d.start && s.end === d.end);
      if (span === undefined)
        throw new ValidationError([
          { field: 'decision', message: 'That is not a span of this bundle: decide on one listed' },
        ]);
      const targets = every ? redacted.spans.filter((s) => s.entity === span.entity) : [span];
      await tx
        .insertInto('subject_access_decisions')
        .values(
          targets.map((t) => {
            const { span_end: _end, ...anchor } = anchorAt(raw.body, t.start, t.end);
            return {
              la_code: records.actor.laCode,
              request_id: request.id,
              action,
              ...anchor,
              span_end: t.end,
              bundle_digest: raw.digest,
              decided_by: records.actor.userId,
            };
          }),
        )
        .execute();
      const what = `${span.type.toLowerCase()}, proposed ${span.proposal}`;
      await recordAudit(tx, records.actor, records.meta, {
        action: 'sar.decide',
        outcome: 'success',
        subjectPersonId: request.subjectId,
        recordType: 'subject_access_request',
        recordId: request.id,
        reason: every
          ? `${action} every mention: ${targets.length} ${targets.length === 1 ? 'span' : 'spans'} (${what}) of version ${raw.digest.slice(0, 12)}`
          : `${action} characters ${d.start}-${d.end} (${what}) of version ${raw.digest.slice(0, 12)}`,
      });
      return targets.length;
    },
    { auditSuccess: false },
  );
}
