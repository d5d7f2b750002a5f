/**
 * "Check a child": an unscheduled care clinician gives an NHS number and date of birth; the answer
 * is the child's CP-IS flags (what kind, since, until), the responsible LA and its numbers, and the
 * latest 25 unscheduled-care accesses (not for a restricted child) — or that nothing is held. The
 * date of birth confirms the identity: a number held with another date of birth answers "no
 * information held for this NHS number and date of birth" and the LA's data team is told. Every
 * check is audited (who, role, organisation, setting, when); a check that finds a flag is an
 * attendance: the child's allocated worker and team are told by a job after commit, the timeline
 * shows it, and out of the LA's office hours its emergency duty team gets an email (and a text).
 */
import { formatNhsNumber } from '@waypoint/identifiers';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { NotFoundError } from '../http/errors.ts';
import { birthDate } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { enqueue } from '../jobs/index.ts';
import { contactNow, getLaSettings, isOfficeOpen } from './la-contact.ts';
import { nhsNumber } from '../people/person-input.ts';
import type { DirectoryFlag, FlagDirectory } from './flag-directory.ts';
import { CPIS_NOTIFY, sendOutOfHours } from './notify.ts';
import type { FlagKind } from './scope.ts';
import './tables.ts';

/** The kinds of unscheduled care setting a check is made from. */
export const settings = [
  ['emergency-department', 'Emergency department'],
  ['walk-in-centre', 'Walk-in centre'],
  ['minor-injury-unit', 'Minor injury unit'],
  ['urgent-treatment-centre', 'Urgent treatment centre'],
  ['out-of-hours-gp', 'Out-of-hours GP'],
  ['ambulance', 'Ambulance service'],
  ['maternity', 'Maternity unit'],
  ['paediatric-ward', 'Paediatric ward'],
] as const;
export type SettingCode = (typeof settings)[number][0];
const settingCodes = settings.map(([c]) => c) as [SettingCode, ...SettingCode[]];

export const checkInput = z.object({
  nhsNumber,
  dateOfBirth: birthDate,
  setting: z.enum(settingCodes, { error: 'Select where you are seeing the child' }),
});
export type CheckInput = z.input<typeof checkInput>;

/**
 * The FHIR search: health systems send an NHS number they traced with the NHS's own demographics
 * service, so the date of birth is optional there (`patient.birthdate`); when given it confirms.
 */
export const fhirCheckInput = checkInput.extend({ dateOfBirth: birthDate.optional() });

/** An access as the check's statement returns it. */
interface RecentRow {
  setting: string;
  seen_at: string;
}

/** How many recent accesses the answer lists. */
export const RECENT_ACCESSES = 25;

export interface FlagAnswer {
  kind: FlagKind;
  since: string;
  until: string | null;
  expectedDateOfBirth: string | null;
  la: {
    code: string;
    name: string;
    serviceName: string;
    officePhone: string;
    emergencyDutyPhone: string;
    /** Whom to call now: the office, or out of hours the emergency duty team. */
    callNow: { kind: 'office' | 'emergency_duty'; phone: string };
  };
  /** Null for a restricted child: the flag shows, who else saw them does not. */
  accesses: { setting: string; seenAt: Date }[] | null;
}

export type CheckAnswer =
  | { outcome: 'flags'; nhsNumber: string; flags: FlagAnswer[] }
  | { outcome: 'none'; nhsNumber: string }
  | { outcome: 'mismatch'; nhsNumber: string };

export interface CheckContext {
  db: Kysely<Schema>;
  actor: Actor;
  meta: RequestMeta;
  directory: FlagDirectory;
  via: 'page' | 'fhir';
  /** For tests and the benchmark: the moment of the check. */
  now?: Date;
}

/**
 * Whether the caller may check: only the unscheduled care clinician. Anyone else is audited as
 * denied (in their own LA's chain) and answered as not found.
 * @throws NotFoundError
 */
export async function requireCheckRole(
  c: Pick<CheckContext, 'db' | 'actor' | 'meta' | 'via'>,
): Promise<void> {
  if (can(c.actor.roles, 'check_cpis')) return;
  await inTenant(c.db, c.actor.laCode, (tx) =>
    recordAudit(tx, c.actor, c.meta, {
      action: 'cpis.check',
      outcome: 'denied',
      recordType: 'cpis',
      reason: `no unscheduled care role; roles=${c.actor.roles.join(' ')}; via=${c.via}`,
    }),
  );
  throw new NotFoundError(`${c.actor.userId} may not check CP-IS`);
}

/**
 * Checks a child. @throws NotFoundError for a caller without the role (audited);
 * ValidationError for a bad NHS number, date of birth or setting (nothing recorded)
 */
export async function checkChild(c: CheckContext, input: unknown): Promise<CheckAnswer> {
  await requireCheckRole(c);
  const q = parseInput(c.via === 'fhir' ? fhirCheckInput : checkInput, input);
  const now = c.now ?? new Date();
  const org = await c.db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', c.actor.organisationId)
    .executeTakeFirst();
  const settingText = `${settings.find(([code]) => code === q.setting)?.[1] ?? q.setting}, ${org?.name ?? 'unknown organisation'}`;
  const who = `role=unscheduled_care_clinician; organisation=${org?.name ?? c.actor.organisationId}; setting=${settingText}; via=${c.via}`;
  const hits = await c.directory.check({
    nhsNumber: q.nhsNumber,
    dateOfBirth: q.dateOfBirth,
    caller: {
      userId: c.actor.userId,
      name: c.actor.name,
      email: c.actor.email,
      phone: null,
      organisationId: c.actor.organisationId,
      organisationName: org?.name ?? c.actor.organisationId,
      laCode: c.actor.laCode,
    },
    role: 'unscheduled_care_clinician',
    setting: settingText,
  });
  const confirmed = hits.filter((h) => h.confirmed);
  const answer = async (outcome: 'none' | 'mismatch') => {
    await inTenant(c.db, c.actor.laCode, (tx) =>
      recordAudit(tx, c.actor, c.meta, {
        action: 'cpis.check',
        outcome: 'success',
        recordType: 'cpis',
        reason: `${who}; result=${outcome}`,
      }),
    );
    return { outcome, nhsNumber: formatNhsNumber(q.nhsNumber) } as const;
  };
  if (hits.length === 0) return answer('none');
  if (confirmed.length === 0) {
    // Held, but not with this date of birth: the holder's data team checks the record.
    for (const h of hits)
      await inTenant(c.db, h.laCode, async (tx) => {
        await recordAudit(tx, c.actor, c.meta, {
          action: 'cpis.check',
          outcome: 'success',
          laCode: h.laCode,
          subjectPersonId: h.personId,
          recordType: 'cpis',
          reason: `${who}; result=mismatch`,
        });
        await enqueue(tx, CPIS_NOTIFY, {
          kind: 'mismatch',
          personId: h.personId,
          settingText,
          at: now.toISOString(),
        });
      });
    return answer('mismatch');
  }
  const flags: FlagAnswer[] = [];
  for (const h of confirmed) {
    const f = await attend(c, h, settingText, who, now);
    if (f !== null) flags.push(f);
  }
  // Every flag named a child this instance does not hold (erased here, or another instance's LA,
  // whose own Waypoint is told through the index): nothing to answer from here.
  if (flags.length === 0) return answer('none');
  return { outcome: 'flags', nhsNumber: formatNhsNumber(q.nhsNumber), flags };
}

/**
 * One confirmed flag: audited, recorded as an attendance, the worker told, EDT out of hours. Null
 * when the child is not held in this instance.
 */
async function attend(
  c: CheckContext,
  h: DirectoryFlag,
  settingText: string,
  who: string,
  now: Date,
): Promise<FlagAnswer | null> {
  const la = await getLaSettings(c.db, h.laCode);
  const outOfHours = !isOfficeOpen(la, now);
  const accesses = await inTenant(c.db, h.laCode, async (tx) => {
    // One statement: whether the child is held here, the latest accesses before this one (the
    // statement's snapshot does not see its own insert), and this attendance, added if held. Named
    // (database.ts), so each connection plans it once: its planning is most of its cost on PGlite.
    const { rows } = await sql<{
      attendance_id: string | null;
      recent: RecentRow[] | string | null;
    }>`-- prepared: cpis_attend
      with held as (select id from people where id = ${h.personId}),
      added as (
        insert into cpis_attendances
          (la_code, person_id, flag_kind, setting, organisation_name, clinician_user_id, seen_at, via, out_of_hours)
        select ${h.laCode}, held.id, ${h.kind}, ${settingText}, ${settingText.slice(settingText.indexOf(', ') + 2)},
               ${c.actor.userId}::uuid, ${now.toISOString()}::timestamptz, ${c.via}, ${outOfHours}::boolean
          from held
        returning id)
      select (select id from added) as attendance_id,
        case when ${h.restricted}::boolean then null else (
          select coalesce(json_agg(json_build_object('setting', r.setting, 'seen_at', r.seen_at) order by r.seen_at desc), '[]'::json)
            from (select setting, seen_at from cpis_attendances
                   where person_id = ${h.personId} order by seen_at desc limit ${RECENT_ACCESSES}) r
        ) end as recent`.execute(tx);
    const attendance = rows[0]?.attendance_id == null ? undefined : { id: rows[0].attendance_id };
    if (attendance === undefined) return undefined;
    const raw = rows[0]?.recent ?? null;
    const recent = typeof raw === 'string' ? (JSON.parse(raw) as RecentRow[]) : raw;
    await enqueue(
      tx,
      CPIS_NOTIFY,
      { kind: 'attendance', attendanceId: attendance.id },
      { key: `cpis:${h.personId}` },
    );
    if (outOfHours)
      await sendOutOfHours(tx, la, { attendanceId: attendance.id, kind: h.kind, settingText, seenAt: now });
    await recordAudit(tx, c.actor, c.meta, {
      action: 'cpis.check',
      outcome: 'success',
      laCode: h.laCode,
      subjectPersonId: h.personId,
      recordType: 'cpis',
      recordId: attendance.id,
      reason: `${who}; result=${h.kind}`,
    });
    return recent?.map((r) => ({ setting: r.setting, seenAt: new Date(r.seen_at) })) ?? null;
  });
  if (accesses === undefined) return null;
  const call = contactNow(la, now);
  return {
    kind: h.kind,
    since: h.since,
    until: h.until,
    expectedDateOfBirth: h.expectedDateOfBirth,
    la: {
      code: h.laCode,
      name: la.name,
      serviceName: la.serviceName,
      officePhone: la.officePhone,
      emergencyDutyPhone: la.emergencyDutyPhone,
      callNow: { kind: call.kind, phone: call.phone },
    },
    accesses,
  };
}
