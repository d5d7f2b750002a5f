/**
 * The returns as downloads from the data quality page: each is one audited read of the LA, built
 * as of today for the year chosen (Annex A for an inspection today).
 */
import { SSDA903_TABLES, type Ssda903Table } from '@waypoint/returns';
import { NotFoundError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { buildAnnexAReturn, buildCinReturn, build903Return } from './build.ts';
import { yearFor } from './data-quality.ts';
import { readLaForReturns } from './read-la.ts';

export type Download =
  | { kind: 'cin.xml' }
  | { kind: 'cin-report.html' }
  | { kind: 'cin-report.json' }
  | { kind: '903-report.json' }
  | { kind: '903'; table: Ssda903Table }
  | { kind: 'annex-a.xlsx' };

export interface DownloadFile {
  name: string;
  contentType: string;
  body: string | Buffer;
}

/** Which 903 table a path segment names, or null. */
export function tableNamed(name: string): Ssda903Table | null {
  return Object.keys(SSDA903_TABLES).includes(name) ? (name as Ssda903Table) : null;
}

/**
 * Builds one download.
 * @throws NotFoundError when the caller may not see the returns
 */
export async function download(
  records: PersonRecords,
  what: Download,
  today: string,
  requestedYear?: string,
): Promise<DownloadFile> {
  const year = yearFor(requestedYear, today);
  const asAt = what.kind === 'annex-a.xlsx' || year.referenceDate > today ? today : year.referenceDate;
  const label = what.kind === 'annex-a.xlsx' ? `annex-a ${today}` : `${what.kind} ${year.label}`;
  const la = await readLaForReturns(records, `download ${label}`, asAt);
  switch (what.kind) {
    case 'cin.xml':
    case 'cin-report.html':
    case 'cin-report.json': {
      const cin = await buildCinReturn(la.input, year);
      if (what.kind === 'cin.xml')
        return {
          name: `cin-${year.label}.xml`,
          contentType: 'application/xml; charset=utf-8',
          body: cin.xml,
        };
      if (what.kind === 'cin-report.html')
        return {
          name: `cin-${year.label}-report.html`,
          contentType: 'text/html; charset=utf-8',
          body: cin.html,
        };
      return {
        name: `cin-${year.label}-report.json`,
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify({ ...cin.report, schema: { valid: cin.xsd.valid, errors: cin.xsd.errors } }, null, 2)}\n`,
      };
    }
    case '903':
    case '903-report.json': {
      const r = build903Return(la.input, year);
      if (what.kind === '903-report.json')
        return {
          name: `903-${year.label}-report.json`,
          contentType: 'application/json; charset=utf-8',
          body: `${JSON.stringify(r.report, null, 2)}\n`,
        };
      const file = r.files.find((f) => f.name === `${what.table}.csv`);
      if (file === undefined) throw new NotFoundError(`no 903 table ${what.table}`);
      return {
        name: `903-${year.label}-${file.name}`,
        contentType: 'text/csv; charset=utf-8',
        body: file.csv,
      };
    }
    case 'annex-a.xlsx': {
      const a = await buildAnnexAReturn(la.input, today);
      return {
        name: `annex-a-${today}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: a.xlsx,
      };
    }
  }
}
