/** Rules on single columns: valid codes and dates. */
import { first, row, ruleCases } from './harness.ts';

ruleCases('codes and dates', [
  {
    rule: '101',
    years: ['2024-25', '2025-26'],
    fails: 'sex written as 2 (invalid from 2024/25)',
    fail: (f) => void (first(f, 'Header').SEX = '2'),
    passes: 'sex U',
    pass: (f) => void (first(f, 'Header').SEX = 'U'),
  },
  {
    rule: '101',
    years: ['2023-24'],
    fails: 'sex F in 2023/24 (1 or 2 then)',
    fail: (f) => void (first(f, 'Header').SEX = 'F'),
    passes: 'sex 2',
    pass: (f) => void (first(f, 'Header').SEX = '2'),
  },
  {
    rule: '102',
    fails: 'date of birth 31/02/2012',
    fail: (f) => void (first(f, 'Header').DOB = '31/02/2012'),
  },
  { rule: '103', fails: 'ethnicity blank', fail: (f) => void (first(f, 'Header').ETHNIC = '') },
  {
    rule: '104',
    fails: 'DUC 2025-06-01 (not dd/mm/yyyy)',
    fail: (f) => void f.t.UASC.push(row('UASC', { DUC: '2025-06-01' })),
  },
  {
    rule: '105',
    fails: 'UASC column holds Y',
    fail: (f) => void (first(f, 'Header').UASC = 'Y'),
    passes: 'UASC column holds 0',
    pass: (f) => void (first(f, 'Header').UASC = '0'),
  },
  {
    rule: '112',
    fails: 'DATE_INT 32/01/2025',
    fail: (f) => void f.t.AD1.push(row('AD1', { DATE_INT: '32/01/2025' })),
  },
  {
    rule: '113',
    fails: 'DATE_MATCH "soon"',
    fail: (f) => void f.t.AD1.push(row('AD1', { DATE_MATCH: 'SOON' })),
  },
  { rule: '114', fails: 'FOSTER_CARE 2', fail: (f) => void f.t.AD1.push(row('AD1', { FOSTER_CARE: '2' })) },
  {
    rule: '115',
    fails: 'DATE_PLACED 00/01/2025',
    fail: (f) => void f.t.PlacedAdoption.push(row('PlacedAdoption', { DATE_PLACED: '00/01/2025' })),
  },
  {
    rule: '116',
    fails: 'DATE_PLACED_CEASED 01/13/2025',
    fail: (f) => void f.t.PlacedAdoption.push(row('PlacedAdoption', { DATE_PLACED_CEASED: '01/13/2025' })),
  },
  {
    rule: '120',
    fails: 'REASON_PLACED_CEASED RD9',
    fail: (f) => void f.t.PlacedAdoption.push(row('PlacedAdoption', { REASON_PLACED_CEASED: 'RD9' })),
  },
  { rule: '131', fails: 'IN_TOUCH MAYBE', fail: (f) => void f.t.OC3.push(row('OC3', { IN_TOUCH: 'MAYBE' })) },
  { rule: '132', fails: 'ACTIV F9', fail: (f) => void f.t.OC3.push(row('OC3', { ACTIV: 'F9' })) },
  { rule: '133', fails: 'ACCOM A1', fail: (f) => void f.t.OC3.push(row('OC3', { ACCOM: 'A1' })) },
  { rule: '141', fails: 'DECOM 10/1/24', fail: (f) => void (first(f, 'Episodes').DECOM = '10/1/24') },
  { rule: '143', fails: 'RNE X', fail: (f) => void (first(f, 'Episodes').RNE = 'X') },
  { rule: '144', fails: 'LS C3', fail: (f) => void (first(f, 'Episodes').LS = 'C3') },
  { rule: '145', fails: 'CIN N9', fail: (f) => void (first(f, 'Episodes').CIN = 'N9') },
  {
    rule: '146',
    fails: 'PLACE Z1 in 2025/26 (Z11–Z14 now)',
    fail: (f) => void (first(f, 'Episodes').PLACE = 'Z1'),
  },
  {
    rule: '146',
    years: ['2024-25'],
    fails: 'PLACE K3 before 2025/26',
    fail: (f) => void (first(f, 'Episodes').PLACE = 'K3'),
  },
  { rule: '147', fails: 'DEC 31/04/2025', fail: (f) => void (first(f, 'Episodes').DEC = '31/04/2025') },
  { rule: '149', fails: 'REC E99', fail: (f) => void (first(f, 'Episodes').REC = 'E99') },
  { rule: '166', fails: 'review with no date', fail: (f) => void (first(f, 'Reviews').REVIEW = '') },
  { rule: '167', fails: 'participation PN9', fail: (f) => void (first(f, 'Reviews').REVIEW_CODE = 'PN9') },
  {
    rule: '168',
    fails: 'UPN UN6 (UN1–UN5 only)',
    fail: (f) => void (first(f, 'Header').UPN = 'UN6'),
    passes: 'UPN UN3',
    pass: (f) => void (first(f, 'Header').UPN = 'UN3'),
  },
  { rule: '171', fails: 'MC_DOB 1/1/2024x', fail: (f) => void (first(f, 'Header').MC_DOB = '1/1/2024X') },
  { rule: '175', fails: 'NB_ADOPTR 3', fail: (f) => void f.t.AD1.push(row('AD1', { NB_ADOPTR: '3' })) },
  { rule: '176', fails: 'SEX_ADOPTR M2', fail: (f) => void f.t.AD1.push(row('AD1', { SEX_ADOPTR: 'M2' })) },
  { rule: '177', fails: 'LS_ADOPTR L1', fail: (f) => void f.t.AD1.push(row('AD1', { LS_ADOPTR: 'L1' })) },
  {
    rule: '178',
    fails: 'PLACE_PROVIDER PR6',
    fail: (f) => void (first(f, 'Episodes').PLACE_PROVIDER = 'PR6'),
  },
  {
    rule: '178',
    fails: 'a provider for a T1 placement in 2025/26',
    fail: (f) => void (first(f, 'Episodes').PLACE = 'T1'),
    passes: 'no provider for T1',
    pass: (f) => {
      first(f, 'Episodes').PLACE = 'T1';
      first(f, 'Episodes').PLACE_PROVIDER = '';
    },
  },
  { rule: '180', fails: 'SDQ score 41', fail: (f) => void (first(f, 'OC2').SDQ_SCORE = '41') },
  { rule: '181', fails: 'TEETH_CHECK Y', fail: (f) => void (first(f, 'OC2').TEETH_CHECK = 'Y') },
  { rule: '196', fails: 'SDQ_REASON SDQ6', fail: (f) => void (first(f, 'OC2').SDQ_REASON = 'SDQ6') },
  {
    rule: '631',
    fails: 'PREV_PERM P5',
    fail: (f) => void f.t.PrevPerm.push(row('PrevPerm', { PREV_PERM: 'P5' })),
  },
  {
    rule: '1004',
    fails: 'MIS_START 2025-07-01',
    fail: (f) => void f.t.Missing.push(row('Missing', { MISSING: 'M', MIS_START: '2025-07-01' })),
  },
  {
    rule: '1005',
    fails: 'MIS_END 99/07/2025',
    fail: (f) =>
      void f.t.Missing.push(row('Missing', { MISSING: 'M', MIS_START: '01/07/2025', MIS_END: '99/07/2025' })),
  },
  {
    rule: '1006',
    fails: 'MISSING X',
    fail: (f) => void f.t.Missing.push(row('Missing', { MISSING: 'X', MIS_START: '01/07/2025' })),
  },
  {
    rule: '1009',
    fails: 'REASON_PLACE_CHANGE MOVED',
    fail: (f) => void (first(f, 'Episodes').REASON_PLACE_CHANGE = 'MOVED'),
  },
  { rule: 'SW02STG1', fails: 'SW_ID AB123', fail: (f) => void (first(f, 'SWEpisodes').SW_ID = 'AB123') },
  { rule: 'SW04STG1', fails: 'SW_DECOM blank', fail: (f) => void (first(f, 'SWEpisodes').SW_DECOM = '') },
  {
    rule: 'SW05STG1',
    fails: 'SW_DEC 01/01/ZZZZ',
    fail: (f) => void (first(f, 'SWEpisodes').SW_DEC = '01/01/ZZZZ'),
  },
]);
