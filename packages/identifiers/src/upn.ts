/**
 * Unique pupil number (DfE UPN Guide 1.2): 13 characters. Character 1 is a check letter,
 * 2–4 the LA code, 5–12 digits, 13 a digit or (temporary UPN) a letter.
 * Check letter: sum of char(i) × i for i = 2..13, mod 23, mapped to A–Z without I, O and S.
 */
import { isValidLaCode } from './la-code.ts';

const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
/** Letters allowed as character 13 of a temporary UPN (CIN rule 1550), valued 0..22 in the guide's order. */
const TEMPORARY_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXY';

function charValue(ch: string): number | null {
  if (/^\d$/.test(ch)) return Number(ch);
  const i = TEMPORARY_LETTERS.indexOf(ch);
  return i >= 0 ? i : null;
}

/**
 * The check letter for characters 2–13 of a UPN, or null when they are not well formed.
 * @example upnCheckLetter('201' + '26100001' + '3')
 */
export function upnCheckLetter(last12: string): string | null {
  const s = last12.toUpperCase();
  if (!/^\d{11}[0-9A-Z]$/.test(s)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const v = charValue(s[i]!);
    if (v === null) return null;
    sum += v * (i + 2);
  }
  return CHECK_LETTERS[sum % 23] ?? null;
}

/** Why a UPN is invalid, in the terms of CIN rules 1510–1550, or null when it is valid. */
export function upnProblem(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (s.length !== 13) return 'UPN must be 13 characters';
  if (!/^[A-Z]/.test(s)) return 'UPN must start with a check letter';
  if (!isValidLaCode(s.slice(1, 4))) return 'UPN characters 2-4 are not a recognised LA code';
  if (!/^\d{8}$/.test(s.slice(4, 12))) return 'UPN characters 5-12 must be digits';
  if (!/^[0-9A-HJ-NP-RT-Y]$/.test(s.slice(12))) return 'UPN character 13 is not a recognised value';
  if (upnCheckLetter(s.slice(1)) !== s[0]) return 'UPN check letter is wrong';
  return null;
}

/** True when the UPN passes every format and check-letter test. */
export function isValidUpn(input: string): boolean {
  return upnProblem(input) === null;
}
