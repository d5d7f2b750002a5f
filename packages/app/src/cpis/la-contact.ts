/**
 * The responsible LA's names, office hours and numbers for a CP-IS answer, in the shape of the
 * LA-settings contract (`la-settings/`: `getLaSettings`, `isOfficeOpen`, `contactNow`, kept by an
 * administrator). Until that capability is on main this gives every LA the contract's defaults
 * (Monday to Thursday 9 to 5, Friday 9 to 4:30, closed at the weekend, Europe/London; fictional
 * numbers in Ofcom's drama range), named after the LA; then this file re-exports it.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';

type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
const weekdays: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export interface LaSettings {
  laCode: string;
  name: string;
  serviceName: string;
  officeHours: Record<Weekday, { start: string; end: string } | null>;
  officePhone: string;
  officeEmail: string | null;
  emergencyDutyPhone: string;
  emergencyDutyEmail: string;
  emergencyDutySms: string | null;
}

const nineToFive = { start: '09:00', end: '17:00' };

/** The LA's contact settings (the contract's defaults, named after the LA). */
export async function getLaSettings(db: Kysely<Schema>, laCode: string): Promise<LaSettings> {
  const la = await db
    .selectFrom('local_authorities')
    .select('name')
    .where('la_code', '=', laCode)
    .executeTakeFirst();
  return {
    laCode,
    name: la?.name ?? `Local authority ${laCode}`,
    serviceName: "Children's Services",
    officeHours: {
      monday: nineToFive,
      tuesday: nineToFive,
      wednesday: nineToFive,
      thursday: nineToFive,
      friday: { start: '09:00', end: '16:30' },
      saturday: null,
      sunday: null,
    },
    officePhone: '01632 960001',
    officeEmail: `childrens.services@la${laCode}.example.gov.uk`,
    emergencyDutyPhone: '01632 960999',
    emergencyDutyEmail: `emergency.duty@la${laCode}.example.gov.uk`,
    emergencyDutySms: null,
  };
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Whether the office is open at `at` (start inclusive, end exclusive), on the Europe/London clock. */
export function isOfficeOpen(settings: LaSettings, at: Date): boolean {
  const parts = Object.fromEntries(londonClock.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = weekdays.find((d) => d === String(parts.weekday).toLowerCase()) ?? 'monday';
  const hours = settings.officeHours[weekday];
  const time = `${parts.hour}:${parts.minute}`;
  return hours !== null && time >= hours.start && time < hours.end;
}

/** Whom to call at `at`: the office in office hours, otherwise the emergency duty team. */
export function contactNow(
  settings: LaSettings,
  at: Date,
): { kind: 'office' | 'emergency_duty'; phone: string } {
  return isOfficeOpen(settings, at)
    ? { kind: 'office', phone: settings.officePhone }
    : { kind: 'emergency_duty', phone: settings.emergencyDutyPhone };
}
