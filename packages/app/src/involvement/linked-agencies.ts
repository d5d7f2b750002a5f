/**
 * The agencies the council's record knows are involved with a child: partners' involvements the
 * front door linked to the child and the LA's own services derived from the journey, current
 * ones first. Never a shielded involvement (its holder asked that it not be disclosed), never an
 * erased one, and never the practitioners' contact details: the agency, its service and role, and
 * the dates. Read in the caller's transaction, after the caller's access to the child's record was
 * decided by the repository (the inspector's view of a tracked child opens it first).
 */
import type { Tx } from '../db/tenant.ts';

export interface LinkedAgency {
  agency: string;
  service: string;
  role: string;
  since: string;
  until: string | null;
  /** A partner's own involvement, or one of the LA's services. */
  kind: 'partner' | 'council' | 'la_service';
}

/** @example await linkedAgencies(tx, childId) // [{ agency: 'Fictional Primary School', service: 'School', … }] */
export async function linkedAgencies(tx: Tx, personId: string): Promise<LinkedAgency[]> {
  const rows = await tx
    .selectFrom('involvements as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select(['o.name', 'i.service', 'i.role', 'i.started_on', 'i.ended_on', 'i.source'])
    .where('i.person_id', '=', personId)
    .where('i.is_shielded', '=', false)
    .where('i.erased_at', 'is', null)
    .orderBy((eb) => eb.case().when('i.ended_on', 'is', null).then(0).else(1).end())
    .orderBy('i.started_on', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    agency: r.name,
    service: r.service ?? r.role,
    role: r.role,
    since: r.started_on,
    until: r.ended_on,
    kind: r.source,
  }));
}
