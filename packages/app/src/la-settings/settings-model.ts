/**
 * The shape of an LA's settings and the demo defaults used until the administrator saves their own.
 * Telephone numbers in the defaults are in Ofcom's drama range (01632 960xxx), so they reach nobody.
 */
import { z } from 'zod';

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];

/** Opening and closing time on one day, 'HH:MM' on the Europe/London wall clock. */
export interface OfficeHours {
  start: string;
  end: string;
}

/** What the CP-IS answer and other pages need to say who to call, and when. */
export interface LaSettings {
  laCode: string;
  name: string;
  serviceName: string;
  timeZone: 'Europe/London';
  /** null: closed that day. */
  officeHours: Record<Weekday, OfficeHours | null>;
  officePhone: string;
  officeEmail: string | null;
  emergencyDutyPhone: string;
  emergencyDutyEmail: string;
  emergencyDutySms: string | null;
  /** True until the LA has saved its own settings. */
  isDefault: boolean;
  /** The saved row's version (0 for the defaults), for optimistic locking. */
  version: number;
}

const hhmm = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const hoursSchema = z
  .object({ start: z.string().regex(hhmm), end: z.string().regex(hhmm) })
  .refine((h) => h.start < h.end)
  .nullable();
/** The stored office_hours column, checked when read. */
export const officeHoursSchema = z.record(z.enum(weekdays), hoursSchema);

/** Monday to Thursday 9 to 5, Friday 9 to 4:30, closed at the weekend. */
export const defaultOfficeHours: Record<Weekday, OfficeHours | null> = {
  monday: { start: '09:00', end: '17:00' },
  tuesday: { start: '09:00', end: '17:00' },
  wednesday: { start: '09:00', end: '17:00' },
  thursday: { start: '09:00', end: '17:00' },
  friday: { start: '09:00', end: '16:30' },
  saturday: null,
  sunday: null,
};

/** The settings an LA has before it saves its own (named after the LA where the name is known). */
export function defaultSettings(laCode: string, laName: string | null): LaSettings {
  return {
    laCode,
    name: laName ?? `Local authority ${laCode}`,
    serviceName: "Children's Services",
    timeZone: 'Europe/London',
    officeHours: defaultOfficeHours,
    officePhone: '01632 960001',
    officeEmail: `childrens.services@la${laCode}.example.gov.uk`,
    emergencyDutyPhone: '01632 960999',
    emergencyDutyEmail: `emergency.duty@la${laCode}.example.gov.uk`,
    emergencyDutySms: null,
    isDefault: true,
    version: 0,
  };
}
