/**
 * The LA sets up an inspection (its kind, name and dates) and lists its inspections; inspectors
 * see the ones they are on while they are on. Audited as `inspection.create`.
 */
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { dateRule, EARLIEST_EVENT, londonMidnight, nextDay, shiftDate, today } from '../http/forms/dates.ts';
import type { Field } from '../http/forms/form.ts';
import { parseInput } from '../http/forms/issues.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { managesInspections, type InspectionRow } from './access.ts';
import { inspectionKinds, type InspectionKind } from './kinds.ts';

const inspectionDate = (what: string) =>
  dateRule(what, {
    earliest: EARLIEST_EVENT,
    latest: { date: () => shiftDate(today(), { years: 2 }), words: 'within the next 2 years' },
  });

export const inspectionInput = z.object({
  kind: z.enum(inspectionKinds.map(([k]) => k) as [InspectionKind, ...InspectionKind[]], {
    error: 'Select the kind of inspection',
  }),
  name: z
    .string({ error: 'Enter a name for the inspection' })
    .trim()
    .min(1, 'Enter a name for the inspection')
    .max(200, 'Name must be 200 characters or fewer'),
  startsOn: inspectionDate('the first day of the inspection'),
  endsOn: inspectionDate('the last day of the inspection'),
});
export type InspectionInput = z.output<typeof inspectionInput>;

export const inspectionFields: readonly Field[] = [
  { kind: 'radios', name: 'kind', label: 'Kind of inspection', options: inspectionKinds },
  { kind: 'text', name: 'name', label: 'Name', hint: 'For example, ILACS standard inspection, March 2027' },
  {
    kind: 'date',
    name: 'startsOn',
    label: 'First day of the inspection',
    hint: 'Inspectors can open the children they track from the start of this day',
  },
  {
    kind: 'date',
    name: 'endsOn',
    label: 'Last day of the inspection',
    hint: 'Inspectors’ access and their accounts end at the end of this day',
  },
];

/**
 * The moments an inspection starts and ends: the start of its first day and the end of its last,
 * in England (00:00 London time, so the summer's inspections start at 23:00 UTC the day before).
 */
export function inspectionMoments(i: { startsOn: string; endsOn: string }): { startsAt: Date; endsAt: Date } {
  return { startsAt: londonMidnight(i.startsOn), endsAt: londonMidnight(nextDay(i.endsOn)) };
}

/**
 * Sets up an inspection of the caller's LA. @throws ValidationError; NotFoundError unless the
 * caller has `manage_inspections`
 */
export async function createInspection(records: PersonRecords, body: unknown): Promise<string> {
  if (!managesInspections(records.actor)) throw new NotFoundError('may not set up inspections');
  const input = parseInput(inspectionInput, body);
  if (input.endsOn < input.startsOn)
    throw new ValidationError([
      { field: 'endsOn', message: 'Last day of the inspection must be on or after its first day' },
    ]);
  const { startsAt, endsAt } = inspectionMoments(input);
  return records.transaction(async (tx, ctx) => {
    const { id } = await tx
      .insertInto('inspections')
      .values({
        la_code: ctx.actor.laCode,
        kind: input.kind,
        name: input.name,
        starts_at: startsAt,
        ends_at: endsAt,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.actor, records.meta, {
      action: 'inspection.create',
      outcome: 'success',
      recordType: 'inspection',
      recordId: id,
      reason: `${input.kind} ${input.startsOn} to ${input.endsOn}`,
    });
    return id;
  });
}

export interface InspectionSummary {
  inspection: InspectionRow;
  inspectors: number;
  tracked: number;
  state: 'Planned' | 'On now' | 'Ended';
}

const stateOf = (i: InspectionRow, now = Date.now()): InspectionSummary['state'] =>
  now < new Date(i.starts_at).getTime()
    ? 'Planned'
    : now < new Date(i.ends_at).getTime()
      ? 'On now'
      : 'Ended';

/**
 * The inspections the caller may see: all of the LA's (newest first) for `manage_inspections`;
 * for an inspector, the ones they are on that are on now. Anyone else: not found.
 * @throws NotFoundError
 */
export async function listInspections(records: PersonRecords): Promise<InspectionSummary[]> {
  const actor = records.actor;
  const la = managesInspections(actor);
  if (!la && !can(actor.roles, 'inspect')) throw new NotFoundError('no inspections for this role');
  return records.transaction(async (tx) => {
    let q = tx
      .selectFrom('inspections as i')
      .selectAll('i')
      .select((eb) => [
        eb
          .selectFrom('inspection_inspectors as ii')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('ii.inspection_id', '=', 'i.id')
          .as('inspectors'),
        eb
          .selectFrom('inspection_samples as s')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('s.inspection_id', '=', 'i.id')
          .as('tracked'),
      ])
      .where('i.la_code', '=', actor.laCode)
      .orderBy('i.starts_at', 'desc');
    if (!la)
      q = q
        .where('i.starts_at', '<=', new Date())
        .where('i.ends_at', '>', new Date())
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('inspection_inspectors as me')
              .select('me.user_id')
              .whereRef('me.inspection_id', '=', 'i.id')
              .where('me.user_id', '=', actor.userId),
          ),
        );
    const rows = await q.execute();
    return rows.map(({ inspectors, tracked, ...inspection }) => ({
      inspection,
      inspectors: Number(inspectors ?? 0),
      tracked: Number(tracked ?? 0),
      state: stateOf(inspection),
    }));
  });
}

export { stateOf };
