/** Every CIN census rule, for every year. Each file holds one rule family. */
import type { Rule } from '../validate/types.ts';
import { rules as assessments } from './assessments.ts';
import { rules as birthDeath } from './birth-death.ts';
import { rules as characteristics } from './characteristics.ts';
import { rules as childId } from './child-id.ts';
import { rules as cinDetails } from './cin-details.ts';
import { rules as cinEpisodes } from './cin-episodes.ts';
import { rules as cinPlanCpp } from './cin-plan-cpp.ts';
import { rules as cinPlans } from './cin-plans.ts';
import { rules as concurrency } from './concurrency.ts';
import { rules as cpp } from './cpp.ts';
import { rules as header } from './header.ts';
import { rules as icpc } from './icpc.ts';
import { rules as nfa } from './nfa.ts';
import { rules as section47 } from './section47.ts';
import { rules as sex } from './sex.ts';
import { rules as upn } from './upn.ts';

export const ALL_RULES: readonly Rule[] = [
  ...header,
  ...childId,
  ...upn,
  ...birthDeath,
  ...sex,
  ...characteristics,
  ...cinDetails,
  ...cinEpisodes,
  ...nfa,
  ...assessments,
  ...concurrency,
  ...cinPlans,
  ...cinPlanCpp,
  ...section47,
  ...icpc,
  ...cpp,
];
