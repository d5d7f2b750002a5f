/**
 * @waypoint/returns: the statutory returns of English children's social care from one model of a
 * child's history. CIN census XML (build, parse, validate), Ofsted Annex A (xlsx and CSV) and
 * SSDA903 (CSV).
 */
export type * from './model/types.ts';
export { parseInputJson, InputError } from './model/json.ts';
export * from './model/codes.ts';
export { periodsOfCare, isLookedAfterOn } from './model/periods.ts';
export {
  COLLECTION_YEARS,
  type CollectionYear,
  isCollectionYear,
  referenceDateOf,
  yearOfReferenceDate,
} from './years.ts';
export {
  bankHolidays,
  easterSunday,
  isBankHoliday,
  isWorkingDay,
  addWorkingDays,
  ONE_OFF_HOLIDAYS,
} from './calendar/bank-holidays.ts';
export type { CinCensus, CensusHeader } from './cin/census.ts';
export { censusFromInput, childForCensus } from './cin/scope.ts';
export { writeCinXml } from './cin/write-xml.ts';
export { parseCinXml, parseCinXmlFile, CinCensusReader, CinParseError } from './cin/parse-xml.ts';
export { schemaPath } from './cin/schema.ts';
export { validateXsd, parseXmllintOutput, XsdRunError, type XsdResult, type XsdError } from './cin/xsd.ts';
export {
  validateCinCensus,
  rulesFor,
  censusYear,
  UnknownYearError,
  type ValidationReport,
} from './cin/validate/validate.ts';
export type {
  Issue,
  IssueKind,
  CinModule,
  Rule,
  ChildRule,
  ReturnRule,
  RuleContext,
} from './cin/validate/types.ts';
export { ALL_RULES } from './cin/rules/index.ts';
export { renderHtmlReport } from './report/html.ts';
export { buildAnnexA, blankProblems, type AnnexAList } from './annex-a/build.ts';
export { toCsv as annexACsv, toXlsx as annexAXlsx, csvName as annexACsvName } from './annex-a/write.ts';
export { ANNEX_A_COLUMNS, ANNEX_A_CODES } from './annex-a/spec.ts';
export { build903 } from './ssda903/build.ts';
export { readSsda903Dir, parseSsda903Csv, Ssda903ReadError } from './ssda903/read.ts';
export {
  validate903Return,
  validate903Child,
  rules903For,
  type Validation903Report,
  type Validate903Options,
} from './ssda903/validate/validate.ts';
export type { Issue903, Row903, Tables903, Rule903 } from './ssda903/validate/types.ts';
export {
  SSDA903_TABLES,
  ssda903Csv,
  type Ssda903Return,
  type Ssda903Table,
  type Ssda903Row,
} from './ssda903/tables.ts';
export { generateInput, makeUpn } from './generate/generate.ts';
export * from './dfe/index.ts';
