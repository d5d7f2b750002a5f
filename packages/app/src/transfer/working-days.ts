/** The statutory timescale of a transfer-in conference (Working Together to Safeguard Children 2023). */
import { addWorkingDays } from '@waypoint/returns/calendar';

/** Working days, from the receiving LA's notification, within which it holds the transfer-in conference. */
export const TRANSFER_IN_CONFERENCE_WORKING_DAYS = 15;

/** When the transfer-in conference is due for a transfer notified on `on`. */
export function transferInConferenceDue(on: string): string {
  return addWorkingDays(on, TRANSFER_IN_CONFERENCE_WORKING_DAYS);
}
