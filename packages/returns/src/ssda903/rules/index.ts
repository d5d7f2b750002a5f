/** Every SSDA903 rule, all years (each carries the years it applies to). */
import type { Rule903 } from '../validate/types.ts';
import { INTEGRITY_RULES } from './integrity.ts';
import { VALID_CODE_RULES } from './valid-codes.ts';

export const ALL_903_RULES: readonly Rule903[] = [...VALID_CODE_RULES, ...INTEGRITY_RULES];
