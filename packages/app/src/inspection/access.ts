/**
 * Who may see an inspection, decided in one place: the LA's staff with the `manage_inspections`
 * capability (any of their LA's inspections, before, during and after), and the inspection's own
 * inspectors while it is on (from its start to its end). Anyone else, and an inspector before or
 * after it, gets "not found".
 */
import type { Selectable } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { InspectionsTable } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError } from '../http/errors.ts';

export type InspectionRow = Selectable<InspectionsTable>;

/** The caller's part in an inspection: the LA running it, or one of its inspectors. */
export type InspectionPart = 'la' | 'inspector';

export interface OpenedInspection {
  inspection: InspectionRow;
  part: InspectionPart;
  /** Whether it is on now (inspectors' access starts and ends with it). */
  isOn: boolean;
}

/** Whether the caller runs the LA's inspections. */
export const managesInspections = (actor: Actor): boolean => can(actor.roles, 'manage_inspections');

/**
 * The inspection and the caller's part in it, inside `tx`. @throws NotFoundError
 */
export async function openInspection(tx: Tx, actor: Actor, id: string): Promise<OpenedInspection> {
  const canonical = canonicalUuid(id);
  if (canonical === null) throw new NotFoundError(`no inspection ${id}`);
  const row = await tx
    .selectFrom('inspections')
    .selectAll()
    .where('id', '=', canonical)
    .where('la_code', '=', actor.laCode)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no inspection ${id}`);
  const now = Date.now();
  const isOn = new Date(row.starts_at).getTime() <= now && now < new Date(row.ends_at).getTime();
  if (managesInspections(actor)) return { inspection: row, part: 'la', isOn };
  if (can(actor.roles, 'inspect') && isOn) {
    const on = await tx
      .selectFrom('inspection_inspectors')
      .select('user_id')
      .where('inspection_id', '=', row.id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (on !== undefined) return { inspection: row, part: 'inspector', isOn };
  }
  throw new NotFoundError(`${actor.userId} has no part in inspection ${id}`);
}

/** As `openInspection`, for the LA's part only. @throws NotFoundError */
export async function openForLa(tx: Tx, actor: Actor, id: string): Promise<OpenedInspection> {
  const opened = await openInspection(tx, actor, id);
  if (opened.part !== 'la') throw new NotFoundError(`${actor.userId} does not run inspection ${id}`);
  return opened;
}
