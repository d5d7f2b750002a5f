/**
 * CIN census code lists, from the DfE 2024 XSD (`CIN_schema_2024.xsd`), and the SSDA903 code lists a
 * record offers; the app shows them with its own words (`@waypoint/returns/codes`).
 */

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

/** SSDA903 legal statuses (LS). */
export const LEGAL_STATUS_CODES = [
  'C1',
  'C2',
  'D1',
  'E1',
  'V2',
  'V3',
  'V4',
  'L1',
  'L2',
  'L3',
  'J1',
  'J2',
  'J3',
] as const;

/** SSDA903 placement types (PL) the record offers. */
export const PLACEMENT_TYPE_CODES = [
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'Z1',
] as const;

/** SSDA903 reasons for a new episode (RNE). */
export const REASON_NEW_EPISODE_CODES = ['S', 'L', 'P', 'T', 'B', 'U'] as const;

/** SSDA903 reasons an episode ended (REC). */
export const REASON_EPISODE_ENDED_CODES = [
  'X1',
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'E8',
] as const;

/** SSDA903 participation in a looked-after review (REVIEW_CODE). */
export const REVIEW_PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const;

/** Membership sets, for the validator. */
export const ETHNICITY = new Set<string>(ETHNICITY_CODES);
export const DISABILITY = new Set<string>(DISABILITY_CODES);
export const REFERRAL_SOURCE = new Set<string>(REFERRAL_SOURCE_CODES);
export const PRIMARY_NEED = new Set<string>(PRIMARY_NEED_CODES);
export const REASON_FOR_CLOSURE = new Set<string>(REASON_FOR_CLOSURE_CODES);
export const CATEGORY_OF_ABUSE = new Set<string>(CATEGORY_OF_ABUSE_CODES);
