/**
 * The closed lists of the involvement capability, each code with the words practitioners see:
 * why an agency is involved, why someone asks "who else is involved?", and the LA's own services.
 */
import type { CodeList } from '../journey/codes.ts';
import type { LaService } from '../db/schema.ts';

/** Why an agency is involved with the child (the `involvements.reason` check constraint). */
export const involvementReasons = [
  ['safeguarding_concern', 'A safeguarding concern about the child'],
  ['child_protection_plan', 'The child has a child protection plan'],
  ['child_in_need_plan', 'The child has a child in need plan'],
  ['early_help', 'Early help for the child or family'],
  ['looked_after', 'The child is looked after or a care leaver'],
  ['health_need', 'A health need'],
  ['education', 'Education, attendance or special educational needs'],
  ['criminal_investigation', 'A criminal investigation involving the child'],
  ['youth_justice', 'Youth justice'],
  ['domestic_abuse', 'Domestic abuse in the household'],
  ['missing', 'The child has gone missing'],
] as const satisfies CodeList;
export type InvolvementReason = (typeof involvementReasons)[number][0];

/**
 * Why a practitioner asks who else is involved: the duties to safeguard and promote children's
 * welfare (Children Act 2004 s11, Working Together to Safeguard Children). `other` needs words.
 */
export const lookupReasons = [
  ['screening_contact', 'Screening a contact or referral at the front door'],
  ['assessment', 'A child and family assessment'],
  ['section_47', 'A section 47 enquiry or strategy discussion'],
  ['child_protection', 'Child protection planning or a conference'],
  ['welfare_concern', 'A concern about the child’s welfare I am acting on'],
  ['missing', 'The child is missing'],
  ['emergency', 'The child may be at immediate risk'],
  ['other', 'Another reason under the duty to safeguard (say what)'],
] as const satisfies CodeList;
export type LookupReason = (typeof lookupReasons)[number][0];

/** The LA's own services, derived from the journey (never re-keyed). */
export const laServices: Record<LaService, { service: string; role: string; reason: InvolvementReason }> = {
  early_help: { service: 'Early help', role: 'Early help lead professional', reason: 'early_help' },
  child_in_need: {
    service: 'Children’s social care: child in need',
    role: 'Allocated social worker',
    reason: 'child_in_need_plan',
  },
  child_protection: {
    service: 'Children’s social care: child protection',
    role: 'Allocated social worker',
    reason: 'child_protection_plan',
  },
  looked_after: {
    service: 'Children’s social care: looked after',
    role: 'Allocated social worker',
    reason: 'looked_after',
  },
  care_leaver: { service: 'Leaving care', role: 'Personal adviser', reason: 'looked_after' },
  youth_justice: { service: 'Youth justice', role: 'Youth justice worker', reason: 'youth_justice' },
};

/** The label of a code in a list, or the code itself. */
export function wordsFor(list: CodeList, code: string | null): string {
  return list.find(([c]) => c === code)?.[1] ?? code ?? '';
}

const outcomes: Record<string, string> = {
  answered: 'agencies found',
  ambiguous: 'possible matches, ask the front door',
  none: 'no other agency found',
  unavailable: 'the index could not be reached',
};

/** The timeline's title for a look-up: "Asked who else is involved (assessment): agencies found". */
export function lookupTitle(reason: string | null, outcome: string | null): string {
  const why = wordsFor(lookupReasons, reason);
  return `Asked who else is involved (${why.charAt(0).toLowerCase()}${why.slice(1)}): ${outcomes[outcome ?? ''] ?? outcome ?? ''}`;
}
