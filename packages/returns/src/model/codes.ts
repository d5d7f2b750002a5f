/** CIN census code lists, from the DfE 2024 XSD (`CIN_schema_2024.xsd`). */

export const ETHNICITY_CODES = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
] as const;

export const DISABILITY_CODES = [
  'NONE',
  'MOB',
  'HAND',
  'PC',
  'INC',
  'COMM',
  'LD',
  'HEAR',
  'VIS',
  'BEH',
  'CON',
  'AUT',
  'DDA',
] as const;

export const REFERRAL_SOURCE_CODES = [
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
] as const;

export const PRIMARY_NEED_CODES = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9', 'N0'] as const;

export const REASON_FOR_CLOSURE_CODES = [
  'RC1',
  'RC2',
  'RC3',
  'RC4',
  'RC5',
  'RC6',
  'RC7',
  'RC8',
  'RC9',
] as const;

export const CATEGORY_OF_ABUSE_CODES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;

export const UPN_UNKNOWN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'] as const;

export const ASSESSMENT_FACTOR_CODES = [
  '1A',
  '1B',
  '1C',
  '2A',
  '2B',
  '2C',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '4C',
  '5A',
  '5B',
  '5C',
  '6A',
  '6B',
  '6C',
  '7A',
  '8B',
  '8C',
  '8D',
  '8E',
  '8F',
  '9A',
  '10A',
  '11A',
  '12A',
  '13A',
  '14A',
  '15A',
  '16A',
  '17A',
  '18B',
  '18C',
  '19B',
  '19C',
  '20',
  '21',
  '22A',
  '23A',
  '24A',
] as const;

/** Membership sets, for the validator. */
export const ETHNICITY = new Set<string>(ETHNICITY_CODES);
export const DISABILITY = new Set<string>(DISABILITY_CODES);
export const REFERRAL_SOURCE = new Set<string>(REFERRAL_SOURCE_CODES);
export const PRIMARY_NEED = new Set<string>(PRIMARY_NEED_CODES);
export const REASON_FOR_CLOSURE = new Set<string>(REASON_FOR_CLOSURE_CODES);
export const CATEGORY_OF_ABUSE = new Set<string>(CATEGORY_OF_ABUSE_CODES);
