/**
 * The child's journey as one timeline: every recorded event, newest first. Opened (and audited)
 * through the caller-bound repository; narrative is included only for viewers who may read case notes.
 */
import type { OpenedRecord, PersonRecords } from './person-records.ts';

export type JourneyEventType = 'visit' | 'contact' | 'allocation' | 'involvement';

export interface JourneyEvent {
  type: JourneyEventType;
  date: string;
  title: string;
  agency: string | null;
  author: string | null;
  /** Narrative, only when the viewer may read case notes. */
  text: string | null;
  childSaid: string | null;
}

const seenTitles = {
  seen: 'Visit: child seen',
  'seen-alone': 'Visit: child seen alone',
  'not-seen': 'Visit: child not seen',
} as const;
const day = (d: Date | string) => (d instanceof Date ? d.toISOString() : d).slice(0, 10);

export async function loadJourney(
  records: PersonRecords,
  personId: string,
): Promise<{ opened: OpenedRecord; events: JourneyEvent[] }> {
  return records.withRecord(personId, 'view', 'record.view', async (tx, opened) => {
    const notes = opened.abilities.view_case_notes;
    const [visits, contacts, allocations, involvements] = await Promise.all([
      tx
        .selectFrom('visits as v')
        .innerJoin('users as u', 'u.id', 'v.recorded_by')
        .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
        .select([
          'v.visit_date',
          'v.seen',
          'v.summary',
          'v.child_said',
          'v.not_seen_reason',
          'v.minutes_with_child',
          'u.name',
          'o.name as org',
        ])
        .where('v.person_id', '=', personId)
        .execute(),
      tx.selectFrom('contacts').select(['received_at', 'status']).where('person_id', '=', personId).execute(),
      tx
        .selectFrom('allocations as a')
        .innerJoin('teams as t', 't.id', 'a.team_id')
        .leftJoin('users as u', 'u.id', 'a.worker_user_id')
        .select(['a.started_at', 'a.ended_at', 't.name as team', 'u.name as worker', 'a.reason'])
        .where('a.person_id', '=', personId)
        .execute(),
      tx
        .selectFrom('involvements as i')
        .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
        .leftJoin('users as u', 'u.id', 'i.user_id')
        .select(['i.started_on', 'i.ended_on', 'i.role', 'o.name as org', 'u.name'])
        .where('i.person_id', '=', personId)
        .execute(),
    ]);
    const list: JourneyEvent[] = [
      ...visits.map((v) => ({
        type: 'visit' as const,
        date: day(v.visit_date),
        title:
          seenTitles[v.seen] +
          (v.minutes_with_child !== null ? ` (${v.minutes_with_child} minutes with the child)` : ''),
        agency: v.org,
        author: v.name,
        text: notes
          ? [v.summary, v.not_seen_reason !== null ? `Not seen because: ${v.not_seen_reason}` : null]
              .filter((x) => x !== null)
              .join('\n\n')
          : null,
        childSaid: notes ? v.child_said : null,
      })),
      ...contacts.map((c) => ({
        type: 'contact' as const,
        date: day(c.received_at),
        title: c.status === 'screening' ? 'Contact received: being screened' : 'Contact received',
        agency: null,
        author: null,
        text: null,
        childSaid: null,
      })),
      ...allocations.map((a) => ({
        type: 'allocation' as const,
        date: day(a.started_at),
        title: `Allocated to ${a.worker ?? 'the team'} (${a.team})${a.ended_at !== null ? `, until ${day(a.ended_at)}` : ''}`,
        agency: null,
        author: null,
        text: notes ? a.reason : null,
        childSaid: null,
      })),
      ...involvements.map((i) => ({
        type: 'involvement' as const,
        date: i.started_on,
        title: `${i.org}: ${i.role}${i.name !== null ? ` (${i.name})` : ''}${i.ended_on !== null ? `, until ${i.ended_on}` : ''}`,
        agency: i.org,
        author: null,
        text: null,
        childSaid: null,
      })),
    ];
    return { opened, events: list.sort((a, b) => b.date.localeCompare(a.date)) };
  });
}
