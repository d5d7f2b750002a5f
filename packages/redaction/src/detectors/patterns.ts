/** Pattern detectors for identifiers: NHS numbers, UPNs, NI numbers, phones, emails, postcodes, URLs, vehicles, references. */
import { isValidNhsNumber, isValidUpn, normalisePostcode } from '@waypoint/identifiers';
import type { Detection, SpanType } from '../types.ts';
import { detectAddresses } from './addresses.ts';
import { detectAges, detectDates, detectHolidays } from './dates.ts';
import { findEmails } from './emails.ts';

interface Rule {
  name: string;
  type: SpanType;
  kind?: string;
  re: RegExp;
  /** Confidence for a match, or null to reject it. */
  score: (m: RegExpMatchArray, text: string) => number | null;
  /** The capture group that is the span (the whole match when absent). */
  group?: number;
  /** Fewest digits a match has: a text with fewer is not scanned at all (short documents). */
  minDigits: number;
  /** A quick test every match passes, run before the full expression (short documents). */
  needs?: RegExp;
}

/** How many ASCII digits `text` has. */
function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const digits = (s: string): string => s.replace(/\D/g, '');

const RULES: Rule[] = [
  {
    name: 'nhs',
    minDigits: 10,
    type: 'NHS_NUMBER',
    re: /(?<![\d-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d-])/g,
    score: (m, text) => {
      if (isValidNhsNumber(m[0])) return 0.99;
      // A mistyped NHS number is still one when the text says so.
      return /nhs/i.test(text.slice(Math.max(0, m.index! - 25), m.index)) ? 0.8 : null;
    },
  },
  {
    name: 'upn',
    needs: /[A-Z]\d/,
    minDigits: 11,
    type: 'ID',
    kind: 'upn',
    re: /\b[A-Z]\d{11}[0-9A-Z]\b/g,
    score: (m) => (isValidUpn(m[0]) ? 0.99 : 0.8),
  },
  {
    name: 'ni-number',
    needs: /[A-Z]\s?\d\d/,
    minDigits: 6,
    type: 'ID',
    kind: 'ni',
    re: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/g,
    score: () => 0.95,
  },
  {
    name: 'phone',
    minDigits: 9,
    type: 'PHONE',
    re: /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)/g,
    score: (m) => {
      const d = digits(m[0]);
      const national =
        d.startsWith('44') && m[0].startsWith('+') ? d.slice(2).replace(/^0/, '') : d.replace(/^0/, '');
      return national.length === 10 || national.length === 9 ? 0.95 : null;
    },
  },
  {
    name: 'phone-international',
    needs: /\+|00/,
    minDigits: 4,
    type: 'PHONE',
    // +353 87 123 4567, +1 (555) 123-4567, 0033 1 23 45 67 89, +48 601-234-567
    re: /(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0?\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}(?![\d-])/g,
    score: (m) => {
      const d = digits(m[0]);
      if (m[0].startsWith('+44')) return null; // the UK rule has these
      return d.length >= 9 && d.length <= 15 ? 0.9 : null;
    },
  },
  {
    name: 'phone-north-american',
    minDigits: 10,
    type: 'PHONE',
    // (555) 123-4567, 555-123-4567, 555.123.4567
    re: /(?<![\w.+-])(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w-])/g,
    score: () => 0.85,
  },
  {
    name: 'phone-context',
    minDigits: 2,
    type: 'PHONE',
    // Digits after a phone word: "mobile 7700 900 123", "tel. 0113 4960000 ext 22".
    re: /\b(?:tel(?:ephone)?|phone|mobile|mob|landline|number|called from|text(?:ed)? from|on)[.:]?\s+((?:\+?\d[\d\s().-]{7,18}\d))(?![\d-])/gi,
    score: (m) => {
      const d = digits(m[1]!);
      return d.length >= 10 && d.length <= 13 && !/^(?:19|20)\d\d$/.test(d) ? 0.8 : null;
    },
    group: 1,
  },
  {
    name: 'url',
    needs: /https?:|www\./,
    minDigits: 0,
    type: 'ID',
    kind: 'url',
    re: /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/g,
    score: () => 0.9,
  },
  {
    name: 'postcode',
    needs: /[A-Za-z]\d/,
    minDigits: 2,
    type: 'POSTCODE',
    re: /\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}\b/g,
    score: (m) => {
      if (normalisePostcode(m[0]) === null) return null;
      return m[0] === m[0].toUpperCase() ? 0.97 : 0.6;
    },
  },
  {
    name: 'vehicle',
    needs: /[A-Z]\d/,
    minDigits: 1,
    type: 'ID',
    kind: 'vehicle',
    // Current format (AB12 CDE) and the older prefix format (A123 BCD).
    re: /\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-HJ-PR-Y]\d{1,3}\s?[A-Z]{3})\b/g,
    score: (m) => (/^[A-Z]{2}\d{2}/.test(m[0]) ? 0.9 : 0.75),
  },
  {
    name: 'vehicle-context',
    needs: /reg|plate|VRM|index/i,
    minDigits: 1,
    type: 'ID',
    kind: 'vehicle',
    // "registration LK63 XPT", "reg. no. YX15ABC", "number plate ending 4KD", "VRM: BD51 SMR".
    re: /\b(?:registration(?:\s+(?:number|mark|plate))?|reg(?:\.|istration)?(?:\s+no\.?)?|number\s+plate|VRM|index)(?:\s+(?:ending(?:\s+in)?|beginning(?:\s+with)?|of|was|is))?[:\s]+((?=[A-Z0-9 ]{2,9}\b)(?=[A-Z ]*\d)(?=[\d ]*[A-Z])[A-Z0-9]{1,4}(?: ?[A-Z0-9]{1,4})?)\b/g,
    score: () => 0.9,
    group: 1,
  },
  {
    name: 'case-reference',
    needs: /[A-Z0-9][/-][A-Z0-9]/,
    minDigits: 3,
    type: 'ID',
    kind: 'reference',
    // CR/2019/04512, LCS-1234567, 13/04567/19: letters or digits joined by / or -, with at least three digits.
    re: /\b(?=(?:[A-Z/-]*\d){3})[A-Z0-9]{2,}(?:[/-][A-Z0-9]+)+\b/g,
    score: (m) => (/^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$/.test(m[0]) ? null : 0.85),
  },
  {
    name: 'prefixed-reference',
    needs: /[A-Z][A-Z][\s-]?\d/,
    minDigits: 5,
    type: 'ID',
    kind: 'reference',
    // A letter prefix, a space and a numbered reference: "REF 21/30417", "QRS 7012345", "CRN 19-004512".
    re: /\b(?!(?:NHS|UPN|NI|ID|DOB|GP|PC|DC|DS|AM|PM|SW|HV|AD|BC|AGE|AGED|UK|EU|USA?)\b)[A-Z]{2,5}[\s-]?(?:\d{2,4}[/-]\d{3,7}|\d{6,10})\b/g,
    score: (m) => (/^\d/.test(m[0]) ? null : 0.85),
  },
  {
    name: 'reference-number',
    minDigits: 5,
    type: 'ID',
    kind: 'reference',
    // Long numbers after a reference word: "case number 4471289", "ref: 20190331".
    re: /\b(?:ref(?:erence)?|number|no\.?|id|log|crime|incident|case|record|file|job|claim|account|serial)\s*[:#]?\s*([A-Z]{0,4}[\s-]?\d{5,}(?:\/\d+)?)\b/gi,
    // The flag makes the letters case-blind; a lower-case prefix is a word ("number was 0791…").
    score: (m) => (/^[A-Z]*[a-z]/.test(m[1] ?? '') ? null : 0.85),
    group: 1,
  },
];

/**
 * Runs every identifier pattern, the address finder, dates and ages over `text`.
 * @param offset added to every span (for chunked documents).
 * @example
 * detectPatterns('NHS number 943 476 5919').map((d) => d.type); // ['NHS_NUMBER']
 */
export function detectPatterns(text: string, offset = 0): Detection[] {
  const out: Detection[] = [];
  const nDigits = countDigits(text);
  for (const rule of RULES) {
    if (nDigits < rule.minDigits || (rule.needs && !rule.needs.test(text))) continue;
    for (const m of text.matchAll(rule.re)) {
      const conf = rule.score(m, text);
      if (conf === null) continue;
      const g = rule.group === undefined ? m[0] : (m[rule.group] ?? m[0]);
      const at = m.index + m[0].length - g.length;
      out.push({
        start: offset + at,
        end: offset + at + g.length,
        type: rule.type,
        detector: `pattern:${rule.name}`,
        confidence: conf,
        ...(rule.kind ? { kind: rule.kind } : {}),
      });
    }
  }
  for (const [s, e] of findEmails(text))
    out.push({
      start: offset + s,
      end: offset + e,
      type: 'EMAIL',
      detector: 'pattern:email',
      confidence: 0.99,
    });
  out.push(
    ...detectAddresses(text, offset),
    ...detectDates(text, offset),
    ...detectAges(text, offset),
    ...detectHolidays(text, offset),
  );
  return out;
}
