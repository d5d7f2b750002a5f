/**
 * Attendances: every unscheduled-care check that found a child's flag, held by the responsible
 * LA. The LA's list (for the data team, per child) and a child's own list (on their record, for
 * whoever may open it), both read through the caller-bound repository and audited.
 */
import type { PersonRecords } from '../records/person-records.ts';
import type { FlagKind } from './scope.ts';
import './tables.ts';

export interface Attendance {
  id: string;
  personId: string;
  name: string;
  kind: FlagKind;
  setting: string;
  organisation: string;
  seenAt: Date;
  outOfHours: boolean;
}

/** The LA's latest 200 attendances, newest first, with each child's name. @throws NotFoundError */
export async function attendancesOfLa(records: PersonRecords): Promise<Attendance[]> {
  return records.readForReturn('cpis attendances', async (tx) => {
    const rows = await tx
      .selectFrom('cpis_attendances as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select([
        'a.id',
        'a.person_id',
        'p.given_name',
        'p.family_name',
        'p.is_restricted',
        'a.flag_kind',
        'a.setting',
        'a.organisation_name',
        'a.seen_at',
        'a.out_of_hours',
      ])
      .orderBy('a.seen_at', 'desc')
      .limit(200)
      .execute();
    return {
      value: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        name: r.is_restricted ? 'Restricted record' : `${r.given_name} ${r.family_name}`,
        kind: r.flag_kind,
        setting: r.setting,
        organisation: r.organisation_name,
        seenAt: new Date(r.seen_at),
        outOfHours: r.out_of_hours,
      })),
      children: [...new Set(rows.map((r) => r.person_id))],
    };
  });
}

/** A child's attendances, newest first, for whoever may open the record. @throws NotFoundError */
export async function attendancesOfChild(records: PersonRecords, personId: string) {
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened) => {
    const rows = await tx
      .selectFrom('cpis_attendances')
      .select(['id', 'flag_kind', 'setting', 'organisation_name', 'seen_at', 'out_of_hours'])
      .where('person_id', '=', personId)
      .orderBy('seen_at', 'desc')
      .limit(500)
      .execute();
    return {
      person: opened.person,
      abilities: opened.abilities,
      attendances: rows.map((r) => ({
        id: r.id,
        kind: r.flag_kind,
        setting: r.setting,
        organisation: r.organisation_name,
        seenAt: new Date(r.seen_at),
        outOfHours: r.out_of_hours,
      })),
    };
  });
}
