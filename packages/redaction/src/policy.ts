/** Publication policy: how dates and ages are generalised and which detectors run. */
import { NAME_METHODS, type NameMethod } from './model/methods.ts';

export const DATE_POLICIES = ['month-year', 'relative', 'year', 'keep', 'redact'] as const;
export type DatePolicy = (typeof DATE_POLICIES)[number];
export const AGE_POLICIES = ['keep', 'band', 'redact'] as const;
export type AgePolicy = (typeof AGE_POLICIES)[number];

export interface Policy {
  /**
   * `month-year` (default): "3rd March 2019" → "March 2019".
   * `relative`: expressed as the anchor child's age, "when Child A was 2 years 3 months old".
   * `year`: "2019". `keep`: unchanged. `redact`: "[date]".
   */
  dates: DatePolicy;
  /** `keep` (default): ages stay. `band`: "aged 4" → "aged 1–4". `redact`: "[age]". */
  ages: AgePolicy;
  /** Cast id of the child that relative dates are anchored on; defaults to the first `child`. */
  anchorChild?: string;
  /** Extra words and phrases that must never be redacted (agency names, the review's own pseudonyms). */
  allow: string[];
  /** Extra words to always redact as PERSON wherever they occur. */
  deny: string[];
  /** Find people and places that are not in the cast (default true). */
  detectUncast: boolean;
  /** Detections below this confidence are dropped (default 0.5). */
  minConfidence: number;
  /** Text of `[date]`-style placeholders for identifiers, by type or kind (`upn`, `vehicle`, `url`, …). */
  placeholders: Partial<Record<string, string>>;
  /** Accepted for older policy files and ignored: the learned model now decides doubtful words. */
  nlpPerMB: number;
  /**
   * How names outside the cast are found: `combined` (default: the learned model reading the rules,
   * plus the rules' titles, facilities and deny list), `model`, or `rules` alone.
   */
  names: NameMethod;
}

export const DEFAULT_POLICY: Policy = {
  dates: 'month-year',
  ages: 'keep',
  allow: [],
  deny: [],
  detectUncast: true,
  minConfidence: 0.5,
  placeholders: {},
  nlpPerMB: 0,
  names: 'combined',
};

/** A policy file that fails validation. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

/**
 * Fills defaults into a partial policy and checks it.
 * @example
 * parsePolicy({ dates: 'relative', ages: 'band' });
 */
export function parsePolicy(raw: unknown): Policy {
  if (raw === undefined || raw === null) return { ...DEFAULT_POLICY };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new PolicyError('policy must be a JSON object');
  const p = { ...DEFAULT_POLICY, ...(raw as Partial<Policy>) };
  if (!DATE_POLICIES.includes(p.dates))
    throw new PolicyError(`policy.dates must be one of ${DATE_POLICIES.join(', ')}`);
  if (!AGE_POLICIES.includes(p.ages))
    throw new PolicyError(`policy.ages must be one of ${AGE_POLICIES.join(', ')}`);
  if (!Array.isArray(p.allow) || !p.allow.every((s) => typeof s === 'string'))
    throw new PolicyError('policy.allow must be an array of strings');
  if (!Array.isArray(p.deny) || !p.deny.every((s) => typeof s === 'string'))
    throw new PolicyError('policy.deny must be an array of strings');
  if (typeof p.minConfidence !== 'number' || p.minConfidence < 0 || p.minConfidence > 1)
    throw new PolicyError('policy.minConfidence must be a number from 0 to 1');
  if (typeof p.nlpPerMB !== 'number' || p.nlpPerMB < 0)
    throw new PolicyError('policy.nlpPerMB must be a number of 0 or more');
  if (typeof p.placeholders !== 'object' || p.placeholders === null)
    throw new PolicyError('policy.placeholders must be an object');
  if (!NAME_METHODS.includes(p.names))
    throw new PolicyError(`policy.names must be one of ${NAME_METHODS.join(', ')}`);
  if (typeof p.detectUncast !== 'boolean') throw new PolicyError('policy.detectUncast must be true or false');
  return p;
}
