/**
 * Where every field of the DfE children's social care API's payload (`CSC` in
 * `@waypoint/returns`' `schemas/dfe-csc-api/openapi.json`) comes from, as `field-sources.ts` places
 * the census and return fields: from the record, derived, made by the feed, or not recorded, with
 * why. Keyed by the field's path in a child (`child_details.first_name`,
 * `social_care_episodes.section_47_assessments.end_date`); `dfe-field-sources.test.ts` checks every
 * field of the schema is here.
 */
import {
  derived,
  from,
  generated,
  notRecorded,
  NO_ADOPTION,
  NO_CARE_LEAVER,
  NO_HEALTH,
  SSDA903_FIELDS,
  type FieldSource,
} from './field-sources.ts';

const PURGE = generated('sent true by the feed to delete this level at the DfE (dfe-feed/README.md)');
const OWN_ID = derived("the record's own row id (stable when its dates are corrected)");
const DATE_ID = derived('<LA child ID>-<letter><start yyyymmdd>: the record does not give this item an id');
const NO_SW_NUMBER = SSDA903_FIELDS.SW_ID as FieldSource;

export const DFE_FIELDS: Record<string, FieldSource> = {
  la_child_id: derived('people.la_child_id, or the last 20 hex digits of people.id'),
  mis_child_id: notRecorded('optional supplier id: the LA child ID is the only id Waypoint sends'),
  purge: PURGE,
  'child_details.unique_pupil_number': from('people.upn'),
  'child_details.former_unique_pupil_number': notRecorded('the person form records the current UPN only'),
  'child_details.unique_pupil_number_unknown_reason': notRecorded('no reason-UPN-unknown (UN1–UN7) item yet'),
  'child_details.first_name': from('people.given_name (never of a restricted record)'),
  'child_details.surname': from('people.family_name (never of a restricted record)'),
  'child_details.date_of_birth': from('people.date_of_birth (born children)'),
  'child_details.expected_date_of_birth': from('people.expected_date_of_birth (unborn children)'),
  'child_details.sex': derived('people.sex: female F, male M, unknown U'),
  'child_details.ethnicity': from('people.ethnicity'),
  'child_details.disabilities': from('people.disabilities'),
  'child_details.postcode': derived("the current address's postcode (addresses; never a restricted address)"),
  'child_details.uasc_flag': notRecorded('no unaccompanied asylum-seeking child status'),
  'child_details.uasc_end_date': notRecorded('as uasc_flag'),
  'child_details.purge': generated(
    'sent true when a personal detail the DfE holds is no longer in the record, before the details again',
  ),
  'health_and_wellbeing.sdq_assessments.date': NO_HEALTH,
  'health_and_wellbeing.sdq_assessments.score': NO_HEALTH,
  'health_and_wellbeing.purge': notRecorded('nothing of health and wellbeing is ever sent, so never purged'),
  'social_care_episodes.social_care_episode_id': OWN_ID,
  'social_care_episodes.referral_date': from('cin_episodes.referral_on'),
  'social_care_episodes.referral_source': from('cin_episodes.source'),
  'social_care_episodes.referral_no_further_action_flag': from('cin_episodes.nfa'),
  'social_care_episodes.closure_date': from('cin_episodes.closed_on'),
  'social_care_episodes.closure_reason': from('cin_episodes.closure_reason'),
  'social_care_episodes.care_worker_details.worker_id': NO_SW_NUMBER,
  'social_care_episodes.care_worker_details.start_date': NO_SW_NUMBER,
  'social_care_episodes.care_worker_details.end_date': NO_SW_NUMBER,
  'social_care_episodes.child_and_family_assessments.child_and_family_assessment_id': DATE_ID,
  'social_care_episodes.child_and_family_assessments.start_date': from('assessments.started_on'),
  'social_care_episodes.child_and_family_assessments.authorisation_date': from('assessments.completed_on'),
  'social_care_episodes.child_and_family_assessments.factors': from(
    'assessments.factors (of a completed assessment)',
  ),
  'social_care_episodes.child_and_family_assessments.purge': PURGE,
  'social_care_episodes.child_in_need_plans.child_in_need_plan_id': DATE_ID,
  'social_care_episodes.child_in_need_plans.start_date': from('cin_plans.started_on'),
  'social_care_episodes.child_in_need_plans.end_date': from('cin_plans.ended_on'),
  'social_care_episodes.child_in_need_plans.purge': PURGE,
  'social_care_episodes.section_47_assessments.section_47_assessment_id': OWN_ID,
  'social_care_episodes.section_47_assessments.start_date': from('s47_enquiries.started_on'),
  'social_care_episodes.section_47_assessments.icpc_required_flag': derived(
    'true unless s47_enquiries is completed with an outcome other than a conference',
  ),
  'social_care_episodes.section_47_assessments.icpc_date': derived(
    'conferences.held_on of the initial conference that followed it',
  ),
  'social_care_episodes.section_47_assessments.end_date': from('s47_enquiries.completed_on'),
  'social_care_episodes.section_47_assessments.purge': PURGE,
  'social_care_episodes.child_protection_plans.child_protection_plan_id': DATE_ID,
  'social_care_episodes.child_protection_plans.start_date': from('cp_plans.started_on'),
  'social_care_episodes.child_protection_plans.end_date': from('cp_plans.ended_on'),
  'social_care_episodes.child_protection_plans.purge': PURGE,
  'social_care_episodes.child_looked_after_placements.child_looked_after_placement_id': DATE_ID,
  'social_care_episodes.child_looked_after_placements.start_date': from('care_episodes.started_on'),
  'social_care_episodes.child_looked_after_placements.start_reason': from('care_episodes.reason_new'),
  'social_care_episodes.child_looked_after_placements.placement_type': from('care_episodes.placement_type'),
  'social_care_episodes.child_looked_after_placements.postcode': from('care_episodes.placement_postcode'),
  'social_care_episodes.child_looked_after_placements.end_date': from('care_episodes.ended_on'),
  'social_care_episodes.child_looked_after_placements.end_reason': from('care_episodes.reason_end'),
  'social_care_episodes.child_looked_after_placements.change_reason':
    SSDA903_FIELDS.REASON_PLACE_CHANGE as FieldSource,
  'social_care_episodes.child_looked_after_placements.purge': PURGE,
  'social_care_episodes.adoption.initial_decision_date': NO_ADOPTION,
  'social_care_episodes.adoption.matched_date': NO_ADOPTION,
  'social_care_episodes.adoption.placed_date': NO_ADOPTION,
  'social_care_episodes.adoption.purge': notRecorded('no adoption item is ever sent, so never purged'),
  'social_care_episodes.care_leavers.contact_date': NO_CARE_LEAVER,
  'social_care_episodes.care_leavers.activity': NO_CARE_LEAVER,
  'social_care_episodes.care_leavers.accommodation': NO_CARE_LEAVER,
  'social_care_episodes.care_leavers.purge': notRecorded('no care leaver item is ever sent, so never purged'),
  'social_care_episodes.purge': PURGE,
};
