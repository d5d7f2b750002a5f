/**
 * The data protection officer's review of look-ups in the involvement index that touched their
 * organisation's records: a date range (GOV.UK date inputs, the one set of date rules; the last
 * 30 days by default), the look-ups newest first, and a CSV export of the same range.
 */
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../../auth/actor.ts';
import { dateRule, timeAndDate, today } from '../../../http/forms/dates.ts';
import { formToInput, pageErrors, type Field, type FormBody } from '../../../http/forms/form.ts';
import { safeParseInput } from '../../../http/forms/issues.ts';
import { reviewLookupsOn } from '../../../involvement/lookups-on.ts';

const rangeFields: readonly Field[] = [
  { kind: 'date', name: 'from', label: 'From' },
  { kind: 'date', name: 'to', label: 'To' },
];
const rangeQuery = z
  .object({ from: dateRule('the “from” date').optional(), to: dateRule('the “to” date').optional() })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.to < q.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The “to” date must be the same as or after the “from” date',
      });
  });

const daysBefore = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The range asked for (or the last 30 days), with the query's errors and a query string to export it. */
function rangeOf(req: FastifyRequest) {
  const query = (req.query ?? {}) as FormBody;
  const parsed = safeParseInput(rangeQuery, formToInput(rangeFields, query));
  const to = (parsed.ok ? parsed.data.to : undefined) ?? today();
  const from = (parsed.ok ? parsed.data.from : undefined) ?? daysBefore(to, 30);
  const parts = (name: string, iso: string) => {
    const [y = '', m = '', d = ''] = iso.split('-');
    return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
  };
  const values: Record<string, string> = { ...parts('from', from), ...parts('to', to) };
  return {
    range: { from, to },
    errors: parsed.ok ? [] : pageErrors(rangeFields, parsed.errors),
    values: parsed.ok ? values : query,
    exportQuery: new URLSearchParams(values).toString(),
  };
}

export const lookupsOnPages: FastifyPluginAsync = async (app) => {
  app.get('/involvements/lookups', async (req, reply) => {
    const { range, errors, values, exportQuery } = rangeOf(req);
    const review = await reviewLookupsOn(
      req.server.deps.database.db,
      requireActor(req),
      requestMeta(req),
      range,
    );
    return reply.view('pages/involvement/lookups-on.njk', {
      review: { ...review, lookups: review.lookups.map((l) => ({ ...l, atText: timeAndDate(l.at) })) },
      fields: rangeFields,
      values,
      errors,
      exportHref: `/involvements/lookups.csv?${exportQuery}`,
    });
  });

  app.get('/involvements/lookups.csv', async (req, reply) => {
    const { range } = rangeOf(req);
    const review = await reviewLookupsOn(
      req.server.deps.database.db,
      requireActor(req),
      requestMeta(req),
      range,
      'export',
    );
    const csv = stringify(
      review.lookups.map((l) => [
        l.at.toISOString(),
        l.lookupId,
        l.caller.name,
        l.caller.email,
        l.caller.phone ?? '',
        l.caller.organisation,
        l.caller.laCode ?? '',
        l.reason,
        l.reasonText ?? '',
        l.disclosed ? 'yes' : 'no',
        l.hit.map((h) => (h.service === null ? h.reference : `${h.service} (${h.reference})`)).join('; '),
      ]),
      {
        header: true,
        columns: [
          'at',
          'lookup_id',
          'caller',
          'email',
          'phone',
          'organisation',
          'la_code',
          'reason',
          'reason_text',
          'disclosed',
          'involvements_hit',
        ],
      },
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="index-lookups-${range.from}-to-${range.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(review.unavailable ? '' : csv);
  });
};
