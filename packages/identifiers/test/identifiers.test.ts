import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MONTH_NAMES,
  monthNumber,
  formatNhsNumber,
  isValidLaCode,
  isValidNhsNumber,
  isValidPostcode,
  isValidUpn,
  nhsNumberCheckDigit,
  normalisePostcode,
  postcodeArea,
  postcodeSector,
  upnCheckLetter,
  upnProblem,
} from '../src/index.ts';

describe('NHS number', () => {
  it('accepts the Data Dictionary example and rejects a changed digit', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659AB')).toBe(false);
  });
  it('has no check digit when the remainder gives 10', () => {
    // 6 × weight 2 = 12; 12 mod 11 = 1; 11 − 1 = 10, so no check digit exists
    expect(nhsNumberCheckDigit('000000006')).toBe(null);
  });
  it('maps 11 to 0', () => {
    expect(nhsNumberCheckDigit('000000000')).toBe(0);
    expect(isValidNhsNumber('0000000000')).toBe(true);
  });
  it('every generated number with its check digit validates; any single changed digit does not', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nine, pos, delta) => {
          const check = nhsNumberCheckDigit(nine);
          fc.pre(check !== null);
          const full = nine + String(check);
          expect(isValidNhsNumber(full)).toBe(true);
          const changed = full.slice(0, pos) + String((Number(full[pos]) + delta) % 10) + full.slice(pos + 1);
          expect(isValidNhsNumber(changed)).toBe(false);
        },
      ),
    );
  });
  it('formats as XXX XXX XXXX', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});

describe('UPN', () => {
  it('computes the check letter over characters 2–13 with weights 2–13 mod 23', () => {
    // 2*2+0*3+1*4 + 0... + 1*13 = 4+4+13 = 21 -> 'Y'
    expect(upnCheckLetter('201000000001')).toBe('Y');
    expect(isValidUpn('Y201000000001')).toBe(true);
    expect(upnProblem('A201000000001')).toBe('UPN check letter is wrong');
  });
  it('names each format problem', () => {
    expect(upnProblem('Y20100000001')).toBe('UPN must be 13 characters');
    expect(upnProblem('Y999000000001')).toMatch(/LA code/);
    expect(upnProblem('Y2010000A0001')).toMatch(/5-12/);
    expect(upnProblem('Y20100000000S')).toMatch(/character 13/);
  });
  it('recognises LA codes by DfE ranges', () => {
    expect(isValidLaCode('201')).toBe(true);
    expect(isValidLaCode('999')).toBe(false);
    expect(isValidLaCode('420')).toBe(true);
    expect(isValidLaCode('681')).toBe(true);
    expect(isValidLaCode('700')).toBe(false);
    expect(isValidLaCode('20A')).toBe(false);
  });
});

describe('postcode', () => {
  it('normalises spacing and case', () => {
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(normalisePostcode(' M1  1AE ')).toBe('M1 1AE');
    expect(normalisePostcode('GIR0AA')).toBe('GIR 0AA');
  });
  it('rejects what is not a postcode', () => {
    expect(isValidPostcode('12345')).toBe(false);
    expect(isValidPostcode('SW1A 1A')).toBe(false);
    expect(isValidPostcode('QA1 1AA')).toBe(false);
  });
  it('derives sector and area', () => {
    expect(postcodeSector('LS11 5AB')).toBe('LS11 5');
    expect(postcodeArea('LS11 5AB')).toBe('LS');
  });
});

describe('month names', () => {
  it('reads whole names, three-letter and longer prefixes, Sept and a full stop', () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect(MONTH_NAMES[2]).toBe('March');
    expect(monthNumber('March')).toBe(3);
    expect(monthNumber('mar')).toBe(3);
    expect(monthNumber('Mar.')).toBe(3);
    expect(monthNumber('SEPT')).toBe(9);
    expect(monthNumber('Sept.')).toBe(9);
    expect(monthNumber('septem')).toBe(9);
    expect(monthNumber('June')).toBe(6);
    expect(monthNumber('Jun')).toBe(6);
  });
  it('names no month for short, misspelt or other words', () => {
    for (const w of ['', 'ma', 'ju', 'marc h', 'marchy', 'sep t', 'mayday', 'octo ber', 'smith'])
      expect(monthNumber(w)).toBe(0);
  });
});
