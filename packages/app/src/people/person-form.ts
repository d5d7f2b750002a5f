/**
 * How the person and address schemas (person-input.ts) appear as page forms: Field specs rendered by
 * views/pages/people/_fields.njk, and the posted form turned back into schema input.
 */
import type { FieldError } from '../http/errors.ts';
import { disabilities, ethnicities } from '../journey/codes.ts';
import { type Field, fieldIdFor, formToInput } from '../journey/fields.ts';

export const personFields: readonly Field[] = [
  {
    kind: 'radios',
    name: 'kind',
    label: 'Who are you adding?',
    options: [
      ['child', 'A child'],
      ['unborn', 'An unborn child'],
      ['adult', 'An adult'],
    ],
  },
  { kind: 'text', name: 'givenName', label: 'Given name' },
  { kind: 'text', name: 'familyName', label: 'Family name' },
  {
    kind: 'date',
    name: 'dateOfBirth',
    label: 'Date of birth',
    hint: 'For a child, for example 27 3 2016. Leave blank for an unborn child.',
    optional: true,
  },
  {
    kind: 'date',
    name: 'expectedDateOfBirth',
    label: 'Expected date of birth, for an unborn child',
    optional: true,
  },
  {
    kind: 'radios',
    name: 'sex',
    label: 'Sex',
    optional: true,
    options: [
      ['female', 'Female'],
      ['male', 'Male'],
      ['unknown', 'Not known'],
    ],
  },
  {
    kind: 'text',
    name: 'nhsNumber',
    label: 'NHS number',
    hint: '10 digits, like 485 777 3456',
    optional: true,
    width: 10,
  },
  {
    kind: 'text',
    name: 'upn',
    label: 'Unique pupil number (UPN)',
    hint: '13 characters, starting with a letter',
    optional: true,
    width: 20,
  },
  { kind: 'select', name: 'ethnicity', label: 'Ethnicity', optional: true, options: ethnicities },
  { kind: 'checkboxes', name: 'disabilities', label: 'Disabilities', optional: true, options: disabilities },
  { kind: 'text', name: 'firstLanguage', label: 'First language', optional: true, width: 20 },
  {
    kind: 'radios',
    name: 'interpreterNeeded',
    label: 'Is an interpreter needed?',
    optional: true,
    options: [
      ['yes', 'Yes'],
      ['no', 'No'],
    ],
  },
];

export const addressFields: readonly Field[] = [
  { kind: 'text', name: 'line1', label: 'Address line 1' },
  { kind: 'text', name: 'line2', label: 'Address line 2', optional: true },
  { kind: 'text', name: 'town', label: 'Town or city', optional: true, width: 20 },
  { kind: 'text', name: 'postcode', label: 'Postcode', width: 10 },
  { kind: 'date', name: 'startedOn', label: 'Date they moved in' },
  {
    kind: 'checkboxes',
    name: 'isRestricted',
    label: 'Restricted address',
    hint: 'For example a refuge: only people who may see restricted details will see it',
    optional: true,
    options: [['yes', 'This address is restricted']],
  },
];

type Form = Record<string, string | string[] | undefined>;

/** The person part of a posted form, as personInput takes it. */
export function formToPerson(body: Form): Record<string, unknown> {
  return formToInput(personFields, body);
}

/** The address part of a posted form, or undefined when every address box was left blank. */
export function formToAddress(body: Form): Record<string, unknown> | undefined {
  const a = formToInput(addressFields, body);
  const restricted = (a.isRestricted as string[] | undefined)?.includes('yes') ?? false;
  delete a.isRestricted;
  if (Object.keys(a).length === 0) return undefined;
  return { ...a, isRestricted: restricted };
}

/** Domain field errors (schema paths) pointed at the input the summary link should land on. */
export function pageErrors(fields: readonly Field[], errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: fieldIdFor(fields, [e.field]) }));
}

/** A stored date as the three GOV.UK date input boxes. */
function dateBoxes(name: string, iso: unknown): Record<string, string> {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return {};
  const [y, m, d] = iso.split('-') as [string, string, string];
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

/** personInput-shaped values as form values (dates split into boxes). */
export function inputToForm(
  fields: readonly Field[],
  input: Record<string, unknown>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of fields) {
    const v = input[f.name];
    if (v === undefined || v === null) continue;
    if (f.kind === 'date') Object.assign(out, dateBoxes(f.name, v));
    else if (Array.isArray(v)) out[f.name] = v.map(String);
    else out[f.name] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** Each field's value in words, for showing two versions side by side. */
export function describeInput(
  fields: readonly Field[],
  input: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = input[f.name];
    const label = (code: string) =>
      'options' in f ? (f.options.find(([c]) => c === code)?.[1] ?? code) : code;
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      out[f.name] = 'Not recorded';
    else if (Array.isArray(v)) out[f.name] = v.map((x) => label(String(x))).join(', ');
    else if (f.kind === 'date' && typeof v === 'string')
      out[f.name] = new Date(`${v}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    else out[f.name] = label(typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out;
}
