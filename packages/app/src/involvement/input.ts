/**
 * The involvement capability's inputs: one zod schema each for the page and the JSON API, and the
 * form fields the pages render with the form kit. Canonical forms (NHS number without spaces, upper
 * case postcode, ISO dates, lower-case email) are made here, at the edge.
 */
import { z } from 'zod';
import { birthDate, dateRule, EARLIEST_EVENT, eventDate } from '../http/forms/dates.ts';
import type { Field } from '../http/forms/form.ts';
import { code, optionalText, text } from '../journey/fields.ts';
import { nhsNumber, postcode } from '../people/person-input.ts';
import { involvementReasons, lookupReasons } from './words.ts';

const phone = z
  .string({ error: 'Enter the contact’s work phone number' })
  .trim()
  .transform((v) => v.replace(/[\s()-]/g, ''))
  .refine((v) => /^\+?\d{10,13}$/.test(v), 'Enter a work phone number, like 01632 960 001');

const email = z
  .string({ error: 'Enter the contact’s work email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a work email address, like name@example.org'));

const untilDate = dateRule('the end date', { earliest: EARLIEST_EVENT });

/** Recording (or correcting) an involvement: the child as the partner knows them, and the involvement. */
export const involvementInput = z
  .object({
    givenName: text('the child’s given name', 200),
    familyName: text('the child’s family name', 200),
    dateOfBirth: birthDate,
    nhsNumber: nhsNumber.optional(),
    postcode: postcode.optional(),
    sex: z.enum(['female', 'male', 'unknown'], { error: 'Select the sex' }).optional(),
    service: text('the service', 200),
    role: text('your role with the child', 200),
    contactName: text('the named contact', 200),
    contactPhone: phone,
    contactEmail: email,
    since: eventDate('the date the involvement started'),
    until: untilDate.optional(),
    reason: code(involvementReasons, 'Select why you are involved'),
    shielded: z
      .enum(['yes', 'no'], { error: 'Select whether to shield this involvement' })
      .default('no')
      .describe('yes: a look-up that finds it returns nothing about it; the contact is told instead'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.until === 'string' && typeof v.since === 'string' && v.until < v.since)
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: 'End date must be on or after the start date',
      });
  });
export type InvolvementInput = z.output<typeof involvementInput>;

/** The form fields of `involvementInput`. */
export const involvementFields: readonly Field[] = [
  { kind: 'text', name: 'givenName', label: 'Child’s given name', width: 20 },
  { kind: 'text', name: 'familyName', label: 'Child’s family name', width: 20 },
  { kind: 'date', name: 'dateOfBirth', label: 'Child’s date of birth' },
  {
    kind: 'text',
    name: 'nhsNumber',
    label: 'NHS number',
    optional: true,
    width: 10,
    hint: 'For example, 485 777 3456',
  },
  { kind: 'text', name: 'postcode', label: 'Home postcode', optional: true, width: 10 },
  {
    kind: 'text',
    name: 'service',
    label: 'Service',
    hint: 'For example, health visiting, or the school’s safeguarding team',
  },
  {
    kind: 'text',
    name: 'role',
    label: 'Your role with the child',
    hint: 'For example, health visitor, designated safeguarding lead',
  },
  {
    kind: 'text',
    name: 'contactName',
    label: 'Named contact',
    hint: 'Who another practitioner should contact',
  },
  { kind: 'text', name: 'contactPhone', label: 'Work phone number', width: 20 },
  { kind: 'text', name: 'contactEmail', label: 'Work email address', width: 20 },
  { kind: 'date', name: 'since', label: 'Involved since' },
  {
    kind: 'date',
    name: 'until',
    label: 'Involved until',
    optional: true,
    hint: 'Leave blank if the involvement is open. For example, 27 3 2026',
  },
  { kind: 'radios', name: 'reason', label: 'Why are you involved?', options: involvementReasons },
  {
    kind: 'radios',
    name: 'shielded',
    label: 'Shield this involvement?',
    hint: 'Shield it if telling others you are involved could put the child at risk (for example a child in a refuge). Others who look up the child are not told about it; you are told who is trying to reach you.',
    options: [
      ['no', 'No'],
      ['yes', 'Yes, shield it'],
    ],
  },
];

/** Ending an involvement. */
export const endInput = z
  .object({
    endedOn: eventDate('the date the involvement ended'),
    endReason: optionalText(500, 'the reason'),
    version: z.coerce.number().int().min(1).describe('The version you saw (optimistic locking)'),
  })
  .strict();
export type EndInput = z.output<typeof endInput>;

export const endFields: readonly Field[] = [
  { kind: 'date', name: 'endedOn', label: 'Date the involvement ended' },
  { kind: 'text', name: 'endReason', label: 'Why it ended', optional: true },
];

/** A concern raised with the LA's front door. */
export const concernInput = z
  .object({
    concern: text('what you are worried about', 10_000),
    urgent: z.enum(['yes', 'no'], { error: 'Select whether the child may be at immediate risk' }),
  })
  .strict();
export type ConcernInput = z.output<typeof concernInput>;

export const concernFields: readonly Field[] = [
  { kind: 'textarea', name: 'concern', label: 'What are you worried about?', rows: 8 },
  {
    kind: 'radios',
    name: 'urgent',
    label: 'Could the child be at immediate risk of significant harm?',
    hint: 'If a child is in immediate danger, call 999 as well.',
    options: [
      ['yes', 'Yes'],
      ['no', 'No'],
    ],
  },
];

/** "Who else is involved?": a reason from the closed list, and words for `other`. */
export const lookupInput = z
  .object({
    reason: code(lookupReasons, 'Select why you need to know'),
    reasonText: optionalText(500, 'the reason'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && (v.reasonText ?? '') === '')
      ctx.addIssue({ code: 'custom', path: ['reasonText'], message: 'Say why you need to know' });
  });
export type LookupInput = z.output<typeof lookupInput>;

export const lookupFields: readonly Field[] = [
  {
    kind: 'radios',
    name: 'reason',
    label: 'Why do you need to know who else is involved?',
    hint: 'Your reason is recorded and the agencies you find can see who looked and why.',
    options: lookupReasons,
  },
  { kind: 'text', name: 'reasonText', label: 'Say more about why', optional: true },
];
