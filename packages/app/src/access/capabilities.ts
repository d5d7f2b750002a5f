/**
 * THE registry of roles: which roles exist, what each may do in general (capabilities, beside the
 * record-by-record access matrix in `policy.ts`), whose staff hold it, and whether it needs
 * two-factor sign-in. Adding a role is one row here (and its name in the `user_roles` check
 * constraint, by migration). Pages receive `capabilitiesOf(roles)` and never test role names.
 */

/** What a role may do beyond a particular record. */
export const capabilities = [
  'find_children', // search the LA's records ("Find a child")
  'create_people', // add a person to the record (and record a contact about them)
  'hold_caseload', // has a caseload of allocated children
  'see_manager_views', // the manager's view of a team's work and workers
  'allocate', // allocate and transfer children between workers and teams
  'manage_team', // is one of their team's managers (team membership as manager)
  'administer', // users, teams, partner systems, the job queue of their LA
  'see_returns', // the statutory returns and data quality of their LA (CIN census, SSDA903, Annex A)
  'check_cpis', // unscheduled care: check a child's CP-IS flag by NHS number and date of birth
  'manage_cpis', // the LA's CP-IS data team: NHS-number gaps, verification, attendances
  'work_on_learning_reviews', // the learning reviews they are named on (or all the partnership's, with the next three)
  'run_learning_reviews', // notify serious incidents, decide on and scope reviews, name reviewers; the business manager's checks
  'approve_learning_reviews', // the partnership's welfare decision and approval before publication (the chair)
  'check_learning_review_data_protection', // the data protection officer's check before publication
  'record_involvements', // a partner's own involvements: "My children", record, end, raise a concern
  'link_involvements', // the front door links partners' involvements to the council's records
  'review_index_lookups', // a publisher's data protection officer: look-ups in the index that touched its records
  'request_feedback', // ask a child, parent or carer for feedback, from a child's record they may open
  'see_practice_insight', // the LA's practice insight: feedback over time, the burden of recording, is help working
  'respond_to_reports', // read and answer practitioners' "What got in the way?" reports (the PSW)
  'inspect', // an inspector: the inspections they are on, while they are on (Annex A lists, tracked children)
  'manage_inspections', // set up the LA's inspections, their inspectors and Annex A lists; see what inspectors read
  'dispose_records', // approve the daily batches of records due for disposal, take a record out, place a legal hold
  'answer_subject_access', // record subject access requests and answer them from the record, third parties redacted
  'transfer_children', // ask another LA to take over a child who moved there (transfer-out), or withdraw the request
  'receive_transfers', // the LA's incoming transfers: read the package, accept (the child's record is created here) or decline
] as const;
export type Capability = (typeof capabilities)[number];
export type Capabilities = Record<Capability, boolean>;

/**
 * Whose staff hold a role. Roles of different kinds never combine on one account (a partner
 * practitioner is not also a council social worker; an inspector is not also a council system
 * administrator), and only council roles may be members of a council's team.
 */
export type StaffKind = 'council' | 'partner' | 'regulator';

export interface RoleRow {
  label: string;
  staff: StaffKind;
  /** Sees children's data, or gives the roles that do, and so must sign in with two-factor. */
  twoFactor: boolean;
  capabilities: readonly Capability[];
}

const casework: readonly Capability[] = [
  'find_children',
  'create_people',
  'hold_caseload',
  'request_feedback',
];
const management: readonly Capability[] = [
  ...casework,
  'see_manager_views',
  'allocate',
  'manage_team',
  'see_returns',
  'see_practice_insight',
  'transfer_children',
  'receive_transfers',
];

/** One row per role. */
export const roleTable = {
  social_worker: { label: 'Social worker', staff: 'council', twoFactor: true, capabilities: casework },
  team_manager: { label: 'Team manager', staff: 'council', twoFactor: true, capabilities: management },
  service_manager: { label: 'Service manager', staff: 'council', twoFactor: true, capabilities: management },
  director: {
    label: "Director of children's services",
    staff: 'council',
    twoFactor: true,
    // Signs off the statutory returns and answers for the LA at inspection, so produces the Annex A lists.
    capabilities: ['find_children', 'see_returns', 'see_practice_insight', 'manage_inspections'],
  },
  principal_social_worker: {
    label: 'Principal social worker',
    staff: 'council',
    twoFactor: true,
    capabilities: ['find_children', 'see_practice_insight', 'respond_to_reports'],
  },
  // Chairs children in care reviews; sees the children they are recorded as involved with.
  independent_reviewing_officer: {
    label: 'Independent reviewing officer',
    staff: 'council',
    twoFactor: true,
    capabilities: ['find_children', 'request_feedback'],
  },
  // Chairs child protection conferences; sees the children they are recorded as involved with.
  conference_chair: {
    label: 'Child protection conference chair',
    staff: 'council',
    twoFactor: true,
    capabilities: ['find_children', 'request_feedback'],
  },
  front_door: {
    label: 'Front door (MASH) officer',
    staff: 'council',
    twoFactor: true,
    capabilities: [...casework, 'link_involvements', 'receive_transfers'],
  },
  partner_practitioner: {
    label: 'Partner practitioner',
    staff: 'partner',
    twoFactor: true,
    capabilities: ['find_children', 'record_involvements'],
  },
  safeguarding_reviewer: {
    label: 'Safeguarding reviewer',
    staff: 'council',
    twoFactor: true,
    capabilities: ['work_on_learning_reviews'],
  },
  // The safeguarding partnership's roles (learning-reviews/): the business manager runs the
  // partnership's reviews, the chair decides on welfare and approves publication.
  partnership_business_manager: {
    label: 'Safeguarding partnership business manager',
    staff: 'council',
    twoFactor: true,
    capabilities: ['work_on_learning_reviews', 'run_learning_reviews'],
  },
  partnership_chair: {
    label: 'Safeguarding partnership chair',
    staff: 'council',
    twoFactor: true,
    capabilities: ['work_on_learning_reviews', 'approve_learning_reviews'],
  },
  inspector: {
    label: 'Inspector',
    staff: 'regulator',
    twoFactor: true,
    capabilities: ['find_children', 'inspect'],
  },
  data_protection_officer: {
    label: 'Data protection officer',
    staff: 'council',
    twoFactor: true,
    // The named officer who approves disposal under the LA's retention schedule.
    capabilities: [
      'find_children',
      'check_learning_review_data_protection',
      'review_index_lookups',
      'dispose_records',
      'answer_subject_access',
    ],
  },
  // A partner organisation's DPO: the index's look-ups on their organisation's records (who asked,
  // why, what was disclosed), as the council's DPO has for the council's; nothing of the record.
  partner_data_protection_officer: {
    label: 'Data protection officer (partner organisation)',
    staff: 'partner',
    twoFactor: true,
    capabilities: ['review_index_lookups'],
  },
  // Builds the returns from every child's statutory record, so sees children's data: two-factor.
  performance_officer: {
    label: 'Performance and data officer',
    staff: 'council',
    twoFactor: true,
    capabilities: ['see_returns', 'manage_cpis', 'manage_inspections'],
  },
  // Emergency departments, walk-in centres, minor injury units, out-of-hours GPs, ambulance,
  // maternity: sees a child's CP-IS flag and nothing else of the record. Two-factor (standing in
  // for an NHS smartcard).
  unscheduled_care_clinician: {
    label: 'Unscheduled care clinician',
    staff: 'partner',
    twoFactor: true,
    capabilities: ['check_cpis'],
  },
  // Sees no children's data, but creates accounts and gives the roles that do, so a taken-over
  // administrator account would open every record: two-factor too (NCSC: privileged accounts).
  system_administrator: {
    label: 'System administrator',
    staff: 'council',
    twoFactor: true,
    capabilities: ['administer'],
  },
} as const satisfies Record<string, RoleRow>;

export type Role = keyof typeof roleTable;

/** Whether any of these roles has the capability. */
export function can(roles: readonly Role[], capability: Capability): boolean {
  return roles.some((r) => (roleTable[r].capabilities as readonly Capability[]).includes(capability));
}

/** Every capability, true or false, for templates. */
export function capabilitiesOf(roles: readonly Role[]): Capabilities {
  return Object.fromEntries(capabilities.map((c) => [c, can(roles, c)])) as Capabilities;
}

/** Whether these roles need two-factor sign-in (any role that sees children's data). */
export function needsTwoFactor(roles: readonly Role[]): boolean {
  return roles.some((r) => roleTable[r].twoFactor);
}

const staffWords: Record<StaffKind, string> = {
  council: 'council roles',
  partner: 'partner organisation roles',
  regulator: 'inspectorate roles',
};

/**
 * Why these roles must not be held together, or null when they may: roles of different staff
 * kinds never combine. The message names both roles, for the administrator's form.
 * @example roleCombinationProblem(['inspector', 'system_administrator'])
 * // 'Inspector cannot be combined with council roles such as System administrator'
 */
export function roleCombinationProblem(roles: readonly Role[]): string | null {
  const first = roles[0];
  if (first === undefined) return null;
  const clash = roles.find((r) => roleTable[r].staff !== roleTable[first].staff);
  if (clash === undefined) return null;
  return `${roleTable[first].label} cannot be combined with ${staffWords[roleTable[clash].staff]} such as ${roleTable[clash].label}`;
}

/** Whether holders of these roles may be members of a council's team (only council staff may). */
export function mayJoinCouncilTeam(roles: readonly Role[]): boolean {
  return roles.every((r) => roleTable[r].staff === 'council');
}
