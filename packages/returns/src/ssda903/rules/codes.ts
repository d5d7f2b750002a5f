/** SSDA903 code lists (the 903 schema and the DfE guidance), as sets for the rules. */

const set = (codes: string): ReadonlySet<string> => new Set(codes.split(' '));

export const SEX_CODES_2023 = set('1 2');
export const SEX_CODES = set('M F U');
export const ETHNIC_CODES = set(
  'WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT',
);
export const RNE_CODES = set('S L P T B U');
export const LS_CODES = set('C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3');
export const CIN_CODES = set('N1 N2 N3 N4 N5 N6 N7 N8');
export const PLACE_CODES = set(
  'A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1',
);
/** 2025/26 placement types: K3 (secure children's home under a DoLO)? Not confirmed; see README. */
export const PROVIDER_CODES = set('PR0 PR1 PR2 PR3 PR4 PR5');
export const REC_CODES = set(
  'X1 E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E9 E14 E15 E16 E17 E8',
);
export const PLACE_CHANGE_CODES = set(
  'CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD OTHER',
);
export const REVIEW_CODES = set('PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7');
export const MISSING_CODES = set('M A');
export const SDQ_REASON_CODES = set('SDQ1 SDQ2 SDQ3 SDQ4 SDQ5');
export const IN_TOUCH_CODES = set('YES NO DIED REFU NREQ RHOM');
export const ACTIV_CODES = set('F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0');
export const ACCOM_CODES = set(
  'B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S1 S2 T1 T2 U1 U2 V1 V2 W1 W2 X1 X2 Y1 Y2 Z1 Z2 0',
);
export const PREV_PERM_CODES = set('P1 P2 P3 P4 Z1');
export const SEX_ADOPTR_CODES = set('M1 F1 MM FF MF');
export const LS_ADOPTR_CODES = set('L0 L11 L12 L2 L3 L4');
export const REASON_PLACED_CEASED_CODES = set('RD1 RD2 RD3 RD4');
export const SW_REASON_CODES = set('MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS');
export const YES_NO = set('0 1');
/** UPN "unknown" codes the 903 accepts (UN1–UN5; rule 168). */
export const UPN_UNKNOWN_903 = set('UN1 UN2 UN3 UN4 UN5');

/** Placement types that need an Ofsted URN (rule 218) and those that must not have one (rule 222). */
export const URN_PLACES = set('K2 R1 R2 R5 P3 H5 S1 K1 Z1');
/** Temporary placements (rules 380–383). */
export const TEMP_PLACES = set('T0 T1 T2 T3 T4');
/** Foster placements (U1–U6). */
export const FOSTER_PLACES = set('U1 U2 U3 U4 U5 U6');
/** Placed for adoption. */
export const ADOPTION_PLACES = set('A3 A4 A5 A6');
/** Respite legal statuses. */
export const RESPITE_LS = set('V3 V4');
/** Reasons care ended that are adoption. */
export const ADOPTED_REC = set('E11 E12');
/** Reasons care ended by a special guardianship order. */
export const SGO_REC = set('E43 E44');
