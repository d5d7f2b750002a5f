/** A child who moves to another LA (transfer/README.md). */
export {
  acceptInput,
  acceptTransfer,
  declineInput,
  declineTransfer,
  withdrawTransfer,
  type AcceptResult,
} from './decide.ts';
export {
  incomingTransfer,
  incomingTransfers,
  otherLas,
  outgoingTransfers,
  recordTransfers,
  transferOutForm,
  transfersOfRecord,
  type IncomingTransfer,
  type RecordTransfers,
  type TransferSummary,
} from './lists.ts';
export type { TransferPackage } from './package.ts';
export { requestTransfer, transferRequestInput } from './request.ts';
export { TRANSFER_IN_CONFERENCE_WORKING_DAYS, transferInConferenceDue } from './working-days.ts';
