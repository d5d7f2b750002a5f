/** The administrator saves the LA's settings: optimistic version, audited, one transaction. */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { auditWho } from '../auth/admin/access.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { officeHoursOf, type SettingsFormInput } from './settings-form.ts';

/**
 * Saves the settings of the administrator's LA. `input.version` is the version the form was read
 * at (0 for the defaults); a stale version saves nothing and answers `{ ok: false, conflict: true }`.
 */
export async function saveLaSettings(
  db: Kysely<Schema>,
  admin: Actor,
  input: SettingsFormInput,
  meta: RequestMeta,
): Promise<{ ok: true; version: number } | { ok: false; conflict: true }> {
  return inTenant(db, admin.laCode, async (tx) => {
    const values = {
      name: input.name,
      service_name: input.serviceName,
      office_hours: JSON.stringify(officeHoursOf(input)),
      office_phone: input.officePhone,
      office_email: input.officeEmail,
      emergency_duty_phone: input.emergencyDutyPhone,
      emergency_duty_email: input.emergencyDutyEmail,
      emergency_duty_sms: input.emergencyDutySms,
      updated_by: admin.userId,
      updated_at: new Date(),
    };
    let saved: { version: number } | undefined;
    if (input.version === 0) {
      saved = await tx
        .insertInto('la_settings')
        .values({ la_code: admin.laCode, ...values })
        .onConflict((oc) => oc.column('la_code').doNothing())
        .returning('version')
        .executeTakeFirst();
    } else {
      saved = await tx
        .updateTable('la_settings')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('la_code', '=', admin.laCode)
        .where('version', '=', input.version)
        .returning('version')
        .executeTakeFirst();
    }
    if (saved === undefined) return { ok: false as const, conflict: true as const };
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.settings_update',
      outcome: 'success',
      recordType: 'la_settings',
      reason: `version ${saved.version}`,
    });
    return { ok: true as const, version: saved.version };
  });
}
