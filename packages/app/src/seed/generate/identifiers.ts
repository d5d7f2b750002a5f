/**
 * Identifiers for generated people: NHS numbers in the 999 test range (never issued to a real
 * patient) with a valid modulus-11 check digit, and UPNs with a valid check letter. Serial numbers
 * come from the family's position, so each is unique within a generated LA.
 */
import { isValidNhsNumber, nhsNumberCheckDigit, upnCheckLetter } from '@waypoint/identifiers';

/** Serial slots per family: members use two slots each, so one with no valid check digit can skip to the next. */
const SLOTS_PER_FAMILY = 24;

/**
 * A test-range NHS number for member `member` of family `family` in the LA's block, or undefined
 * when both candidate numbers would need the impossible check digit 10 (about 1 in 121).
 * @example nhsNumberFor(0, 12, 1) // '999000…'
 */
export function nhsNumberFor(block: number, family: number, member: number): string | undefined {
  const base = (block * 500_000 + family * SLOTS_PER_FAMILY + member * 2) % 1_000_000;
  for (const serial of [base, base + 1]) {
    const first9 = `999${String(serial % 1_000_000).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(first9);
    if (check !== null) {
      const n = `${first9}${check}`;
      if (isValidNhsNumber(n)) return n;
    }
  }
  return undefined;
}

/**
 * A UPN issued under `issuingLa` (a DfE LA code, as UPN characters 2–4 must be) with a valid check letter.
 * @example upnFor('001', 5, 1)
 */
export function upnFor(issuingLa: string, serial: number, member: number): string {
  const digits = String((serial * 10 + member) % 1e8).padStart(8, '0');
  const last12 = `${issuingLa}${digits}${member % 10}`;
  const letter = upnCheckLetter(last12);
  if (letter === null) throw new Error(`cannot make a UPN from ${last12}`);
  return `${letter}${last12}`;
}
