/** Every SSDA903 rule, all years (each carries the years it applies to). */
import type { Rule903 } from '../validate/types.ts';
import { ADOPTION_RULES } from './adoption.ts';
import { CARE_LEAVER_RULES } from './care-leavers.ts';
import { EPISODE_LEGAL_RULES } from './episodes-legal.ts';
import { EPISODE_SEQUENCE_RULES } from './episodes-sequence.ts';
import { HEADER_RULES } from './header.ts';
import { INTEGRITY_RULES } from './integrity.ts';
import { LAST_YEAR_RULES } from './last-year.ts';
import { MISSING_RULES } from './missing.ts';
import { OC2_RULES } from './oc2.ts';
import { PLACEMENT_RULES } from './placements.ts';
import { REFERENCE_DATA_RULES } from './reference-data.ts';
import { REVIEW_PERMANENCE_RULES } from './reviews-permanence.ts';
import { SOCIAL_WORKER_RULES } from './social-workers.ts';
import { VALID_CODE_RULES } from './valid-codes.ts';

export const ALL_903_RULES: readonly Rule903[] = [
  ...VALID_CODE_RULES,
  ...HEADER_RULES,
  ...EPISODE_SEQUENCE_RULES,
  ...EPISODE_LEGAL_RULES,
  ...PLACEMENT_RULES,
  ...OC2_RULES,
  ...CARE_LEAVER_RULES,
  ...ADOPTION_RULES,
  ...MISSING_RULES,
  ...REVIEW_PERMANENCE_RULES,
  ...LAST_YEAR_RULES,
  ...SOCIAL_WORKER_RULES,
  ...REFERENCE_DATA_RULES,
  ...INTEGRITY_RULES,
];
