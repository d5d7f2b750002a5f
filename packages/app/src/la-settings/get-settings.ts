/** Reading an LA's settings, and which number to give at a moment in time. */
import type { Kysely, Selectable } from 'kysely';
import type { Schema } from '../db/schema.ts';
import {
  defaultSettings,
  officeHoursSchema,
  weekdays,
  type LaSettings,
  type Weekday,
} from './settings-model.ts';

/**
 * The LA's settings: what its administrator saved, or demo defaults (named after the LA) until then.
 * Works on the database handle or inside a tenant transaction of that LA. Never throws for an
 * unknown LA (it gets the defaults).
 * @example const s = await getLaSettings(db, '990'); s.emergencyDutyPhone // '01632 960999'
 */
export async function getLaSettings(db: Kysely<Schema>, laCode: string): Promise<LaSettings> {
  // One round trip: the LA's name with its saved settings, if any.
  const found = await db
    .selectFrom('local_authorities as la')
    .leftJoin('la_settings as s', 's.la_code', 'la.la_code')
    .selectAll('s')
    .select('la.name as la_name')
    .where('la.la_code', '=', laCode)
    .executeTakeFirst();
  if (found?.la_code == null) return defaultSettings(laCode, found?.la_name ?? null);
  // A saved row (its key is not null): every column as the table holds it.
  const row = found as Selectable<Schema['la_settings']>;
  const hours = officeHoursSchema.safeParse(row.office_hours);
  const base = defaultSettings(laCode, row.name);
  return {
    ...base,
    name: row.name,
    serviceName: row.service_name,
    officeHours: hours.success ? hours.data : base.officeHours,
    officePhone: row.office_phone,
    officeEmail: row.office_email,
    emergencyDutyPhone: row.emergency_duty_phone,
    emergencyDutyEmail: row.emergency_duty_email,
    emergencyDutySms: row.emergency_duty_sms,
    isDefault: false,
    version: row.version,
  };
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The weekday and 'HH:MM' of an instant on the Europe/London wall clock (GMT or BST). */
export function londonWallClock(at: Date): { weekday: Weekday; time: string } {
  const parts = Object.fromEntries(londonClock.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = weekdays.find((d) => d === String(parts.weekday).toLowerCase()) ?? 'monday';
  return { weekday, time: `${parts.hour}:${parts.minute}` };
}

/** Whether the office is open at `at` (start inclusive, end exclusive), Europe/London time. */
export function isOfficeOpen(settings: LaSettings, at: Date): boolean {
  const { weekday, time } = londonWallClock(at);
  const hours = settings.officeHours[weekday];
  return hours !== null && time >= hours.start && time < hours.end;
}

/** Who to contact at `at`: the office in office hours, otherwise the emergency duty team. */
export function contactNow(
  settings: LaSettings,
  at: Date,
): { kind: 'office' | 'emergency_duty'; phone: string; email: string | null; sms: string | null } {
  return isOfficeOpen(settings, at)
    ? { kind: 'office', phone: settings.officePhone, email: settings.officeEmail, sms: null }
    : {
        kind: 'emergency_duty',
        phone: settings.emergencyDutyPhone,
        email: settings.emergencyDutyEmail,
        sms: settings.emergencyDutySms,
      };
}
