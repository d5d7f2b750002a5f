/**
 * The data quality trend's daily job (`returns.quality-day`, 06:30 London): builds each LA's CIN
 * census and SSDA903 return of the year in progress from the record as it stands and keeps only
 * their figures (quality-trend.ts). The job has no caller to bind a repository to, so its read of
 * the LA is audited as the system's own `record.export`, naming every child read, in the read's
 * transaction, as a person's return read is (`PersonRecords.readForReturn`).
 */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/tenant.ts';
import { today } from '../http/forms/dates.ts';
import { registerJob } from '../jobs/index.ts';
import { build903Return, buildCinReturn } from './build.ts';
import { figuresOf, recordQualityDay, type QualityDay } from './quality-trend.ts';
import { readLaInTx } from './read-la.ts';
import { reportingYearOn, type ReportingYear } from './years.ts';

export const RETURNS_QUALITY_DAY = 'returns.quality-day';

/** Builds the year's CIN census and SSDA903 return from the LA's record on `day` and records their figures. */
export async function recordTodaysQuality(
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  laCode: string,
  requestId: string,
  day: string = today(),
): Promise<{ year: ReportingYear; days: QualityDay[] }> {
  const year = reportingYearOn(day);
  const asAt = year.referenceDate < day ? year.referenceDate : day;
  const what = `data quality day ${year.label}`;
  const input = await inTenant(async (tx) => {
    const { input, children } = await readLaInTx(tx, laCode, asAt);
    await recordAudit(
      tx,
      null,
      { ip: null, requestId },
      {
        laCode,
        action: 'record.export',
        outcome: 'success',
        recordType: 'return',
        recordId: what,
        reason: `${what}; children=${children.size}: ${[...children.keys()].join(' ')}`,
      },
    );
    return input;
  });
  const cin = await buildCinReturn(input, year);
  const ssda = build903Return(input, year);
  const days: QualityDay[] = [
    { day, return: 'CIN census', ...figuresOf(cin.report) },
    { day, return: 'SSDA903', ...figuresOf(ssda.report) },
  ];
  await inTenant((tx) => recordQualityDay(tx, laCode, year.label, days));
  return { year, days };
}

registerJob(
  RETURNS_QUALITY_DAY,
  z.object({}),
  async (_payload, ctx) => {
    await recordTodaysQuality((fn) => ctx.inTenant(fn), ctx.laCode, `job:${ctx.jobId}`);
  },
  { timeoutSeconds: 900, recurring: { cron: '30 6 * * *', timezone: 'Europe/London' } },
);
