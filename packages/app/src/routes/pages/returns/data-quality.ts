/**
 * The data quality page and the returns' downloads, for those with the `see_returns` capability
 * (performance and data officers, managers); anyone else gets "not found". Thin: parse, call the
 * returns capability, render.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { longDate, today } from '../../../http/forms/dates.ts';
import { NotFoundError } from '../../../http/errors.ts';
import { recordsFor } from '../../../http/request-context.ts';
import { dataQuality } from '../../../returns/data-quality.ts';
import { download, tableNamed, type Download } from '../../../returns/downloads.ts';

const query = z.object({
  year: z.string().max(7).optional(),
  rule: z.string().max(40).optional(),
  team: z.string().max(200).optional(),
});
const SHOWN = 200;
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const returnsPages: FastifyPluginAsync = async (app) => {
  app.get('/returns', async (req, reply) => {
    const q = query.safeParse(req.query);
    const { year, rule, team } = q.success ? q.data : {};
    const dq = await dataQuality(recordsFor(req), today(), year);
    // Filters choose among what is on the page: a value that is not there filters nothing.
    const ruleKey = dq.byRule.find((r) => `${r.return}:${r.rule}` === rule);
    const teamKey = dq.byTeam.find((t) => t.team === team);
    const chosen = dq.issues.filter(
      (i) =>
        (ruleKey === undefined || (i.return === ruleKey.return && i.rule === ruleKey.rule)) &&
        (teamKey === undefined ||
          (i.child === null ? 'The whole return' : (i.team ?? 'Not allocated to a team')) === teamKey.team),
    );
    return reply.view('pages/returns/data-quality.njk', {
      dq,
      yearValue: dq.year.label,
      ruleValue: ruleKey === undefined ? '' : `${ruleKey.return}:${ruleKey.rule}`,
      teamValue: teamKey?.team ?? '',
      shown: chosen.slice(0, SHOWN),
      // One chart per return: its findings (errors and queries) each day, today last.
      trendCharts: dq.trend.map((t) => ({
        id: t.return === 'CIN census' ? 'trend-cin' : 'trend-903',
        title: `${t.return} ${dq.year.label}: findings each day`,
        rows: t.days.map((d) => ({
          label: longDate(d.day),
          short: shortDay.format(new Date(`${d.day}T00:00:00Z`)),
          value: d.errors + d.queries,
        })),
      })),
      matching: chosen.length,
      tables: [
        'Header',
        'Episodes',
        'Reviews',
        'UASC',
        'OC2',
        'OC3',
        'AD1',
        'PlacedAdoption',
        'PrevPerm',
        'Missing',
        'SWEpisodes',
      ],
    });
  });

  const send = async (req: FastifyRequest, what: Download) => {
    const q = query.safeParse(req.query);
    return download(recordsFor(req), what, today(), q.success ? q.data.year : undefined);
  };
  for (const kind of [
    'cin.xml',
    'cin-report.html',
    'cin-report.json',
    '903-report.json',
    'annex-a.xlsx',
  ] as const)
    app.get(`/returns/${kind}`, async (req, reply) => {
      const f = await send(req, { kind });
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="${f.name}"`)
        .send(f.body);
    });
  app.get('/returns/903/:table', async (req, reply) => {
    const name = z
      .object({ table: z.string().max(40) })
      .parse(req.params)
      .table.replace(/\.csv$/, '');
    const table = tableNamed(name);
    if (table === null) throw new NotFoundError(`no 903 table ${name}`);
    const f = await send(req, { kind: '903', table });
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${f.name}"`)
      .send(f.body);
  });
};
