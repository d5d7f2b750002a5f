/** What training did, saved with the model so its provenance and convergence stay visible. */
export interface EmSessionReport {
  /** The blocking rule whose pairs this session trained on. */
  blockingRule: string;
  /** Comparisons estimated in this session (the rule's own comparisons are left out). */
  estimated: string[];
  pairs: number;
  /** Distinct comparison vectors (EM runs on their counts). */
  patterns: number;
  iterations: number;
  converged: boolean;
  /** Largest change of any m in the last iteration. */
  finalChange: number;
  /** Proportion of this session's pairs EM judged to be matches. */
  matchProportion: number;
}

export interface TrainingReport {
  records: number;
  /** Pairs drawn at random to estimate u. */
  uSamplePairs: number;
  /** Pairs meeting the deterministic rules, and the recall assumed for them, giving the prior. */
  deterministicPairs: number;
  deterministicRecall: number;
  totalPairs: number;
  sessions: EmSessionReport[];
  /** True when every EM session converged within its iteration limit. */
  converged: boolean;
  /**
   * Where the trained m was not used and the shipped default m was used instead, and why (too few
   * records, EM did not converge, or m not above u where the values agree). Empty when none.
   */
  fallbacks?: string[];
}
