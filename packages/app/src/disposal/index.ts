/** Disposal under the retention schedule (README.md): the daily proposal, approval, disposal. */
export { proposeBatch, proposeBatchIn, type Proposal } from './propose.ts';
export {
  listBatches,
  batchDetail,
  approveBatch,
  decideItem,
  type BatchSummary,
  type BatchItem,
  type ApproveOutcome,
  type ItemOutcome,
} from './batches.ts';
export { runDisposal } from './jobs.ts';
export { kindWords, ruleWords } from './rules.ts';
export { DISPOSAL_PROPOSE, DISPOSAL_RUN, DISPOSAL_WITHDRAW } from './job-names.ts';
