/**
 * How the person and address schemas (person-input.ts) appear as page forms: field specs for the
 * form kit (http/forms/form.ts), and the posted form turned back into schema input.
 */
import { formToInput, type Field, type FormBody } from '../http/forms/form.ts';
import { disabilities, ethnicities } from '../journey/codes.ts';

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

/** The person fields on a form about someone already recorded (editing their details), and on the details page. */
export const recordedPersonFields: readonly Field[] = personFields.map((f) =>
  f.name === 'kind'
    ? { ...f, label: 'Is this a child, an unborn child or an adult?', summary: 'Record for' }
    : f,
);

/** The person part of a posted form, as personInput takes it. */
export function formToPerson(body: FormBody): Record<string, unknown> {
  return formToInput(personFields, body);
}

/** The address part of a posted form, or undefined when every address box was left blank. */
export function formToAddress(body: FormBody): Record<string, unknown> | undefined {
  const a = formToInput(addressFields, body);
  const restricted = (a.isRestricted as string[] | undefined)?.includes('yes') ?? false;
  delete a.isRestricted;
  if (Object.keys(a).length === 0) return undefined;
  return { ...a, isRestricted: restricted };
}
