/**
 * NHS number: 10 digits, the tenth a modulus-11 check digit (NHS Data Dictionary).
 * Weights 10..2 on digits 1–9; check = 11 − (sum mod 11); 11 → 0; 10 → the number is invalid.
 */

/** Digits only, or null when the input is not 10 digits once spaces and hyphens are removed. */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/**
 * The check digit for the first nine digits, or null when none exists (the remainder gives 10).
 * @example nhsNumberCheckDigit('943476591') // 9
 */
export function nhsNumberCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) throw new RangeError('nhsNumberCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * True when the input (spaces and hyphens allowed) is a 10-digit NHS number with a correct check digit.
 * @example isValidNhsNumber('943 476 5919') // true
 */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (digits === null) return false;
  return nhsNumberCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** Display format `XXX XXX XXXX`; returns the input unchanged when it is not 10 digits. */
export function formatNhsNumber(input: string): string {
  const d = normaliseNhsNumber(input);
  return d === null ? input : `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}
