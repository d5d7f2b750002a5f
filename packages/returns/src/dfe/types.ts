/**
 * The DfE children's social care API's request body (`CSC` in `schemas/dfe-csc-api/openapi.json`),
 * as TypeScript: an array of at most 100 children. Every level may carry `purge: true`, which asks
 * the DfE to delete that level's data (the whole child, their personal details, one episode, one
 * assessment, plan or placement): how erasure and correction are sent over a push feed.
 */
export interface CscChildDetails {
  unique_pupil_number?: string;
  former_unique_pupil_number?: string;
  unique_pupil_number_unknown_reason?: string;
  first_name?: string;
  surname?: string;
  date_of_birth?: string;
  expected_date_of_birth?: string;
  sex?: string;
  ethnicity?: string;
  disabilities?: string[];
  postcode?: string;
  uasc_flag?: boolean;
  uasc_end_date?: string;
  purge?: boolean;
}

export interface CscCareWorker {
  worker_id?: string;
  start_date?: string;
  end_date?: string;
}

export interface CscAssessment {
  child_and_family_assessment_id: string;
  start_date?: string;
  authorisation_date?: string;
  factors?: string[];
  purge?: boolean;
}

export interface CscCinPlan {
  child_in_need_plan_id: string;
  start_date?: string;
  end_date?: string;
  purge?: boolean;
}

export interface CscSection47 {
  section_47_assessment_id: string;
  start_date?: string;
  icpc_required_flag?: boolean;
  icpc_date?: string;
  end_date?: string;
  purge?: boolean;
}

export interface CscCpPlan {
  child_protection_plan_id: string;
  start_date?: string;
  end_date?: string;
  purge?: boolean;
}

export interface CscPlacement {
  child_looked_after_placement_id: string;
  start_date?: string;
  start_reason?: string;
  placement_type?: string;
  postcode?: string;
  end_date?: string;
  end_reason?: string;
  change_reason?: string;
  purge?: boolean;
}

export interface CscEpisode {
  social_care_episode_id: string;
  referral_date?: string;
  referral_source?: string;
  referral_no_further_action_flag?: boolean;
  closure_date?: string;
  closure_reason?: string;
  care_worker_details?: CscCareWorker[];
  child_and_family_assessments?: CscAssessment[];
  child_in_need_plans?: CscCinPlan[];
  section_47_assessments?: CscSection47[];
  child_protection_plans?: CscCpPlan[];
  child_looked_after_placements?: CscPlacement[];
  adoption?: { initial_decision_date?: string; matched_date?: string; placed_date?: string; purge?: boolean };
  care_leavers?: { contact_date?: string; activity?: string; accommodation?: string; purge?: boolean };
  purge?: boolean;
}

export interface CscChild {
  la_child_id: string;
  mis_child_id?: string;
  purge?: boolean;
  child_details?: CscChildDetails;
  health_and_wellbeing?: { sdq_assessments?: { date?: string; score?: number }[]; purge?: boolean };
  social_care_episodes?: CscEpisode[];
}

/** One request's body: at most 100 children. */
export type CscPayload = CscChild[];
