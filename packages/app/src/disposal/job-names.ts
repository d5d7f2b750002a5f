/** The disposal capability's job names (jobs.ts registers them). */
export const DISPOSAL_PROPOSE = 'disposal.propose';
export const DISPOSAL_RUN = 'disposal.run';
export const DISPOSAL_WITHDRAW = 'disposal.withdraw';
