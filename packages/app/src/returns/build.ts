/**
 * The three returns built from the record: the CIN census (XML, its DfE validation report and the
 * XSD check), the SSDA903 return (one CSV per table and its validation report) and Ofsted's Annex A
 * (an xlsx workbook, with the cells left blank that Ofsted says must not be). Each takes the
 * returns input the adapter made; nothing here reads the database.
 */
import {
  annexAXlsx,
  blankProblems,
  build903,
  buildAnnexA,
  censusFromInput,
  renderHtmlReport,
  SSDA903_TABLES,
  ssda903Csv,
  validate903Return,
  validateCinCensus,
  validateXsd,
  writeCinXml,
  type ReturnsInput,
  type Ssda903Table,
  type Validation903Report,
  type ValidationReport,
  type XsdResult,
} from '@waypoint/returns';
import type { ReportingYear } from './years.ts';

export interface CinReturn {
  xml: string;
  report: ValidationReport;
  html: string;
  xsd: XsdResult;
}

type Progress = (line: string) => void;

/** The CIN census of the year: XML, DfE rules report (JSON and HTML) and the XSD check. */
export async function buildCinReturn(
  input: ReturnsInput,
  year: ReportingYear,
  progress: Progress = () => {},
): Promise<CinReturn> {
  const census = censusFromInput(input, year.rules, undefined, year.referenceDate);
  progress(`CIN census ${year.label}: ${census.children.length.toLocaleString('en-GB')} children in scope`);
  const xml = writeCinXml(census, year.rules);
  const report = validateCinCensus(census, {
    year: year.rules,
    referenceDate: year.referenceDate,
    onProgress: (done, total) => {
      progress(`CIN census: validated ${done} / ${total}`);
    },
  });
  progress(`CIN census: ${report.issues.length.toLocaleString('en-GB')} issues from the DfE rules`);
  const xsd = await validateXsd(xml, year.rules);
  progress(`CIN census: XSD ${xsd.valid ? 'valid' : `invalid (${xsd.errors.length} errors)`}`);
  return { xml, report, html: renderHtmlReport(report, `cin-${year.label}.xml`), xsd };
}

export interface Ssda903Files {
  files: { name: string; csv: string }[];
  report: Validation903Report;
}

/** The SSDA903 return of the year: one CSV per table and the report of the 903 rules. */
export function build903Return(
  input: ReturnsInput,
  year: ReportingYear,
  progress: Progress = () => {},
): Ssda903Files {
  const tables = build903(input, year.rules, year.referenceDate);
  progress(`SSDA903 ${year.label}: ${tables.Header.length.toLocaleString('en-GB')} children`);
  const report = validate903Return(tables, {
    year: year.rules,
    referenceDate: year.referenceDate,
    laCode: input.laCode,
    onProgress: (done, total) => {
      progress(`SSDA903: validated ${done} / ${total}`);
    },
  });
  progress(`SSDA903: ${report.issues.length.toLocaleString('en-GB')} issues from the 903 rules`);
  const files = (Object.keys(SSDA903_TABLES) as Ssda903Table[]).map((t) => ({
    name: `${t}.csv`,
    csv: ssda903Csv(t, tables[t] as never),
  }));
  return { files, report };
}

export interface AnnexAReturn {
  xlsx: Buffer;
  lists: { name: string; title: string; rows: number }[];
  blanks: ReturnType<typeof blankProblems>;
}

/** Ofsted's Annex A lists for an inspection date, as a workbook. */
export async function buildAnnexAReturn(
  input: ReturnsInput,
  inspectionDate: string,
  progress: Progress = () => {},
): Promise<AnnexAReturn> {
  const lists = buildAnnexA(input, inspectionDate);
  for (const l of lists)
    progress(`Annex A ${l.name} (${l.title}): ${l.rows.length.toLocaleString('en-GB')} rows`);
  const blanks = blankProblems(lists);
  const xlsx = await annexAXlsx(lists);
  return { xlsx, lists: lists.map((l) => ({ name: l.name, title: l.title, rows: l.rows.length })), blanks };
}
