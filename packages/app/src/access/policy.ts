/**
 * Who may do what to a person's record: the one declarative place. A role's abilities come from
 * the relationships the actor has with the person (computed in SQL by `relationships.ts`).
 * Pages and presenters receive the computed `Abilities` and never re-derive them.
 */
import type { Role } from './roles.ts';

export const relationships = [
  'allocated_worker', // the worker the child is allocated to
  'allocated_team', // a member of the allocated team
  'management_line', // a manager of a team above the allocated team (service, directorate)
  'involved_professional', // recorded as involved with the child, within the period of involvement
  'front_door_screening', // the child has a contact being screened at the front door
  'inspection_sample', // an inspector whose current inspection sampled the child
  'break_glass', // emergency access granted with a reason, for a short time
  'learning_review', // named reviewer of an open learning review of the child (or household), not involved with its children
  'same_la', // works for the child's LA, with none of the above
] as const;
export type Relationship = (typeof relationships)[number];

export const actions = [
  'view', // open the record: identity, journey, plans
  'view_case_notes', // narrative case notes and the child's own words
  'edit', // change the record, record work
  'record_visit',
  'record_contact', // record a contact (worries raised about the child) for the front door
  'view_restricted_fields', // e.g. a refuge address
  'view_audit', // "who has viewed this record"
  'export_audit', // all audit events about the person, for a subject access request
  'subject_access', // read the whole record to answer a subject access request (subject-access/)
  'break_glass', // may ask for emergency access (only meaningful without another relationship)
  'verify_nhs_number', // confirm the record's NHS number for CP-IS (the data team, a health partner)
  'review_read', // read the journey, read-only, within a learning review's period (learning-reviews/)
] as const;
export type Action = (typeof actions)[number];

type Grants = Partial<Record<Relationship, readonly Action[]>>;

const caseworker: readonly Action[] = ['view', 'view_case_notes', 'edit', 'record_visit', 'record_contact'];
const readOnly: readonly Action[] = ['view', 'view_case_notes'];

/**
 * The access matrix: role × relationship → actions. Anything not listed is refused; a role with no
 * row has no access to records (the roles themselves are rows of `capabilities.ts`).
 */
export const accessMatrix: Partial<Record<Role, Grants>> = {
  social_worker: {
    allocated_worker: [...caseworker, 'view_restricted_fields'],
    allocated_team: caseworker,
    involved_professional: caseworker,
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  team_manager: {
    allocated_worker: [...caseworker, 'view_restricted_fields', 'view_audit'],
    allocated_team: [...caseworker, 'view_restricted_fields', 'view_audit'],
    management_line: [...caseworker, 'view_audit'],
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  service_manager: {
    allocated_worker: [...caseworker, 'view_restricted_fields', 'view_audit'],
    allocated_team: [...caseworker, 'view_audit'],
    management_line: [...caseworker, 'view_audit'],
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  director: {
    management_line: [...readOnly, 'view_audit'],
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  principal_social_worker: {
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  front_door: {
    front_door_screening: caseworker,
    allocated_worker: caseworker,
    allocated_team: caseworker,
    break_glass: readOnly,
    same_la: ['break_glass', 'record_contact'],
  },
  // Partners see what their involvement needs: the child, the plan and who else is involved,
  // not the council's case notes.
  partner_practitioner: {
    involved_professional: ['view', 'record_visit', 'verify_nhs_number'],
  },
  inspector: {
    inspection_sample: readOnly,
  },
  // Reviewers named on a review read its children's journeys for the review's period only, through
  // the review's workspace: `review_read`, never `view` (so not the live record's pages).
  safeguarding_reviewer: { learning_review: ['review_read'] },
  partnership_business_manager: { learning_review: ['review_read'] },
  partnership_chair: { learning_review: ['review_read'] },
  independent_reviewing_officer: {
    involved_professional: readOnly,
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  conference_chair: {
    involved_professional: readOnly,
    break_glass: readOnly,
    same_la: ['break_glass'],
  },
  data_protection_officer: {
    same_la: ['view_audit', 'export_audit', 'subject_access'],
    allocated_team: ['view_audit', 'export_audit', 'subject_access'],
    management_line: ['view_audit', 'export_audit', 'subject_access'],
  },
  // The LA's data team confirms NHS numbers for CP-IS; it reads no record otherwise.
  performance_officer: {
    same_la: ['verify_nhs_number'],
  },
};

export type Abilities = Record<Action, boolean>;

/** What an actor with these roles and relationships may do. */
export function abilitiesFor(roles: readonly Role[], held: ReadonlySet<Relationship>): Abilities {
  const granted = new Set<Action>();
  for (const role of roles) {
    for (const rel of held) for (const a of accessMatrix[role]?.[rel] ?? []) granted.add(a);
  }
  // Break glass is for when nothing else gives access to the record.
  if (granted.has('view')) granted.delete('break_glass');
  return Object.fromEntries(actions.map((a) => [a, granted.has(a)])) as Abilities;
}

/** The relationships that, for any of these roles, grant `action`: used to build SQL filters. */
export function relationshipsGranting(roles: readonly Role[], action: Action): Relationship[] {
  return relationships.filter((rel) =>
    roles.some((role) => (accessMatrix[role]?.[rel] ?? []).includes(action)),
  );
}

/**
 * A child transferred to another LA (accepted there: transfer/README.md): the sending LA's
 * workers lose the record. What the law needs it to keep is kept: the record stays (retention and
 * disposal run on it), and whoever may see its audit or export it for a subject access request
 * (the data protection officer) still may. Every other ability ends, break glass included.
 */
export const retainedAfterTransferOut: readonly Action[] = ['view_audit', 'export_audit'];

/** The abilities left on a record transferred out of the LA. */
export function afterTransferOut(abilities: Abilities): Abilities {
  return Object.fromEntries(
    actions.map((a) => [a, abilities[a] && retainedAfterTransferOut.includes(a)]),
  ) as Abilities;
}

/** How long emergency access lasts. */
export const BREAK_GLASS_MINUTES = 60;
