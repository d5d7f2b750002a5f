/**
 * The SSDA903 files and their exact CSV headers (the DfE validator's `config.py`, in the
 * statutory-data specification). Rows are records keyed by header so that the 903 validation
 * rules, when they come, read the same tables the files are written from.
 */
export const SSDA903_TABLES = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  OC2: [
    'CHILD',
    'DOB',
    'SDQ_SCORE',
    'SDQ_REASON',
    'CONVICTED',
    'HEALTH_CHECK',
    'IMMUNISATIONS',
    'TEETH_CHECK',
    'HEALTH_ASSESSMENT',
    'SUBSTANCE_MISUSE',
    'INTERVENTION_RECEIVED',
    'INTERVENTION_OFFERED',
  ],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  PlacedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  PrevPerm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
} as const;

export type Ssda903Table = keyof typeof SSDA903_TABLES;
export type Ssda903Column<T extends Ssda903Table> = (typeof SSDA903_TABLES)[T][number];

/** One row: every column of the table, '' when blank. Dates are written dd/mm/yyyy. */
export type Ssda903Row<T extends Ssda903Table> = Record<Ssda903Column<T>, string>;

/** A whole 903 return: the rows of every table. */
export type Ssda903Return = { [T in Ssda903Table]: Ssda903Row<T>[] };

/** The columns that hold dates, for readers (and the validator to come). */
export const SSDA903_DATE_COLUMNS = new Set([
  'DOB',
  'MC_DOB',
  'DECOM',
  'DEC',
  'REVIEW',
  'DUC',
  'DATE_INT',
  'DATE_MATCH',
  'DATE_PLACED',
  'DATE_PLACED_CEASED',
  'DATE_PERM',
  'MIS_START',
  'MIS_END',
  'SW_DECOM',
  'SW_DEC',
]);

const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A table as CSV text (header first, CRLF line ends). */
export function ssda903Csv<T extends Ssda903Table>(table: T, rows: readonly Ssda903Row<T>[]): string {
  const cols = SSDA903_TABLES[table] as readonly Ssda903Column<T>[];
  const lines = [cols.join(',')];
  for (const r of rows) lines.push(cols.map((c) => quote(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
