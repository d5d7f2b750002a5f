export { formatNhsNumber, isValidNhsNumber, nhsNumberCheckDigit, normaliseNhsNumber } from './nhs-number.ts';
export { isValidUpn, upnCheckLetter, upnProblem } from './upn.ts';
export { isValidLaChildId, isValidLaCode } from './la-code.ts';
export {
  isValidPostcode,
  normalisePostcode,
  postcodeArea,
  postcodeDistrict,
  postcodeOutward,
  postcodeSector,
} from './postcode.ts';
export { MONTH_NAMES, monthNumber } from './months.ts';
