/** The administrator's settings form: one schema, GOV.UK messages, office hours as two times a day. */
import { z } from 'zod';
import { weekdays, type OfficeHours, type Weekday } from './settings-model.ts';

const text = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label.charAt(0).toUpperCase() + label.slice(1)} must be ${max} characters or fewer`);

const phone = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine((v) => /^\+?[0-9 ()-]+$/.test(v) && v.replace(/\D/g, '').length >= 10 && v.length <= 20, {
      message: `Enter ${label} like 01632 960 001 or +44 1632 960 001`,
    });

const optionalPhone = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(phone(label).nullable());

const email = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .toLowerCase()
    .min(1, `Enter ${label}`)
    .max(254)
    .pipe(z.email({ error: `Enter ${label} in the correct format, like name@example.gov.uk` }));

const optionalEmail = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(email(label).nullable());

const time = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v.padStart(5, '0')))
  .pipe(
    z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Enter a time on the 24-hour clock, like 09:00 or 17:30')
      .nullable(),
  );

const dayFields = Object.fromEntries(
  weekdays.flatMap((d) => [[`${d}Start`, time] as const, [`${d}End`, time] as const]),
);

/** The form's fields as the page posts them. */
export const settingsForm = z
  .object({
    version: z.coerce.number().int().min(0).max(2147483647),
    name: text('the council’s name'),
    serviceName: text('the service’s name'),
    officePhone: phone('the office telephone number'),
    officeEmail: optionalEmail('the office email address'),
    emergencyDutyPhone: phone('the emergency duty team’s telephone number'),
    emergencyDutyEmail: email('the emergency duty team’s email address'),
    emergencyDutySms: optionalPhone('the emergency duty team’s text message number'),
    ...dayFields,
  })
  .superRefine((v, ctx) => {
    const r = v as unknown as Record<string, string | null>;
    for (const d of weekdays) {
      const start = r[`${d}Start`] ?? null;
      const end = r[`${d}End`] ?? null;
      const day = d.charAt(0).toUpperCase() + d.slice(1);
      if ((start === null) !== (end === null))
        ctx.addIssue({
          code: 'custom',
          path: [start === null ? `${d}Start` : `${d}End`],
          message: `Enter both times for ${day}, or neither if the office is closed`,
        });
      else if (start !== null && end !== null && start >= end)
        ctx.addIssue({
          code: 'custom',
          path: [`${d}End`],
          message: `${day}’s closing time must be after its opening time`,
        });
    }
  });
export type SettingsFormInput = z.infer<typeof settingsForm>;

/** The office hours from the form's fields. */
export function officeHoursOf(input: SettingsFormInput): Record<Weekday, OfficeHours | null> {
  const r = input as unknown as Record<string, string | null>;
  return Object.fromEntries(
    weekdays.map((d) => {
      const start = r[`${d}Start`] ?? null;
      const end = r[`${d}End`] ?? null;
      return [d, start !== null && end !== null ? { start, end } : null];
    }),
  ) as Record<Weekday, OfficeHours | null>;
}
